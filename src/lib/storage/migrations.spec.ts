import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { get, promisifyRequest, set } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS, migrate, upgrade, type Migration } from './migrations';
import type { StorageProblem } from './stores';

/** A database as an older (or newer) Cerulean left it: `keyval` with these records. */
async function seed(name: string, version: number, records: Record<string, unknown>) {
	const request = indexedDB.open(name, version);
	request.onupgradeneeded = () => request.result.createObjectStore('keyval');
	const db = await promisifyRequest(request);
	const tx = db.transaction('keyval', 'readwrite');
	for (const [key, value] of Object.entries(records)) tx.objectStore('keyval').put(value, key);
	await promisifyRequest(tx as unknown as IDBRequest);
	return db;
}

async function contents(name: string) {
	const db = await promisifyRequest(indexedDB.open(name));
	const store = db.transaction('keyval').objectStore('keyval');
	const [keys, values] = await Promise.all([
		promisifyRequest(store.getAllKeys()),
		promisifyRequest(store.getAll())
	]);
	db.close();
	return { version: db.version, records: Object.fromEntries(keys.map((k, i) => [k, values[i]])) };
}

/** stores.ts as a fresh page loads it, hearing every storage problem. */
async function freshStores() {
	vi.resetModules();
	const stores = await import('./stores');
	const heard: StorageProblem['kind'][] = [];
	stores.onStorageProblem((problem) => heard.push(problem.kind));
	return { ...stores, heard };
}

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});

describe('schema versions', () => {
	it('moves an old database forward by its steps and leaves the others as they were', async () => {
		(await seed('cerulean-rendered', 1, { 'c\u00001:3:abc': ['<p class="x">old</p>'] })).close();
		(await seed('cerulean-conversations', 1, { c: { id: 'c', title: 'kept' } })).close();
		const { store } = await freshStores();
		expect(await get('c\u00001:3:abc', store('rendered'))).toBeUndefined();
		expect(await get('c', store('conversations'))).toEqual({ id: 'c', title: 'kept' });
		expect(await contents('cerulean-rendered')).toEqual({ version: 2, records: {} });
		expect((await contents('cerulean-conversations')).version).toBe(1);
	});

	it('creates a new database at the current version, with nothing to move', async () => {
		const { store } = await freshStores();
		await set('k', 1, store('rendered'));
		expect(await contents('cerulean-rendered')).toEqual({
			version: MIGRATIONS.rendered.length + 1,
			records: { k: 1 }
		});
	});

	it('passes every record through each missing step in order, all or nothing', async () => {
		const steps: Migration[] = [
			// 2: names in capitals.
			({ key, value }) => ({
				key,
				value: { name: String((value as { name: string }).name).toUpperCase() }
			}),
			// 3: one record under a new key, another dropped.
			({ key, value }) =>
				key === 'old' ? { key: 'renamed', value } : key === 'gone' ? undefined : { key, value }
		];
		(
			await seed('steps', 1, { a: { name: 'ada' }, old: { name: 'bo' }, gone: { name: 'cy' } })
		).close();
		const open = (version: number, run: Migration[]) => {
			const request = indexedDB.open('steps', version);
			request.onupgradeneeded = (event) =>
				upgrade(request.result, request.transaction!, event.oldVersion, run);
			return promisifyRequest(request);
		};
		const broken: Migration = ({ key, value }) => {
			if (key === 'a') throw new Error('a broken step');
			return { key, value };
		};
		await expect(open(4, [...steps, broken])).rejects.toThrow();
		expect(await contents('steps')).toEqual({
			version: 1,
			records: { a: { name: 'ada' }, old: { name: 'bo' }, gone: { name: 'cy' } }
		});
		(await open(3, steps)).close();
		expect(await contents('steps')).toEqual({
			version: 3,
			records: { a: { name: 'ADA' }, renamed: { name: 'BO' } }
		});
	});

	it('starts each record at the version its database was at', () => {
		const steps: Migration[] = [
			({ key, value }) => ({ key, value: `${String(value)}+2` }),
			({ key, value }) => ({ key, value: `${String(value)}+3` })
		];
		expect(migrate({ key: 'k', value: 'v1' }, 1, steps)).toEqual({ key: 'k', value: 'v1+2+3' });
		expect(migrate({ key: 'k', value: 'v2' }, 2, steps)).toEqual({ key: 'k', value: 'v2+3' });
		expect(migrate({ key: 'k', value: 'v3' }, 3, steps)).toEqual({ key: 'k', value: 'v3' });
	});

	it('leaves data saved by a newer version alone and works from memory, saying why', async () => {
		(await seed('cerulean-settings', 9, { connection: { version: 3 } })).close();
		const { store, heard } = await freshStores();
		expect(await get('connection', store('settings'))).toBeUndefined();
		await set('connection', { version: 1 }, store('settings'));
		expect(await get('connection', store('settings'))).toEqual({ version: 1 });
		expect(heard).toEqual(['newer']);
		expect(await contents('cerulean-settings')).toEqual({
			version: 9,
			records: { connection: { version: 3 } }
		});
	});

	it('lets a newer version in another tab upgrade, and says this tab keeps nothing now', async () => {
		const { store, heard } = await freshStores();
		await set('c', { id: 'c' }, store('conversations'));
		const other = indexedDB.open('cerulean-conversations', 2);
		other.onupgradeneeded = () => undefined;
		(await promisifyRequest(other)).close();
		expect(heard).toEqual(['upgraded']);
	});

	it('says when an older version in another tab holds the data it must move forward', async () => {
		const older = await seed('cerulean-rendered', 1, { k: ['<p>old</p>'] });
		const { store, heard } = await freshStores();
		const reading = get('k', store('rendered'));
		await vi.waitFor(() => expect(heard).toEqual(['blocked']));
		older.close();
		expect(await reading).toBeUndefined();
		expect(heard).toEqual(['blocked', 'unblocked']);
	});
});

describe('each released step', () => {
	it('settings 2: the one saved connection becomes the first of the connections, as it was', async () => {
		const saved = {
			version: 1,
			endpoint: 'https://my-resource.openai.azure.com',
			auth: 'entra',
			apiVersion: '2025-04-01-preview',
			rememberToken: true,
			token: 'kept',
			signIn: { tenant: 'contoso.onmicrosoft.com', clientId: 'app' }
		};
		(await seed('cerulean-settings', 1, { connection: saved })).close();
		vi.resetModules();
		const { loadSettings } = await import('./settings');
		const connection: Partial<typeof saved> = { ...saved };
		delete connection.version;
		expect(await loadSettings()).toEqual({
			ok: true,
			value: {
				version: 2,
				connections: [{ id: 'first', name: 'my-resource.openai.azure.com', ...connection }],
				chosen: {}
			}
		});
		const { version, records } = await contents('cerulean-settings');
		expect(version).toBe(2);
		expect(Object.keys(records)).toEqual(['connections']);
	});

	it('settings 2: a record that did not parse is still reported, and other records are left alone', async () => {
		(
			await seed('cerulean-settings', 1, {
				connection: { version: 1, endpoint: 5 },
				other: 'left alone'
			})
		).close();
		vi.resetModules();
		const { loadSettings } = await import('./settings');
		const loaded = await loadSettings();
		expect(loaded.ok).toBe(false);
		expect(!loaded.ok && loaded.error).toMatch(
			/^The saved settings could not be read \(connections\.0\.endpoint/
		);
		expect((await contents('cerulean-settings')).records).toEqual({
			connections: {
				version: 2,
				connections: [{ id: 'first', name: '', endpoint: 5 }],
				chosen: {}
			},
			other: 'left alone'
		});
	});
});
