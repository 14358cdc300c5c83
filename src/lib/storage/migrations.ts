/**
 * How stored data moves forward. Each kind of data is its own IndexedDB database (see stores.ts),
 * and its database version is its schema version: 1 plus the number of steps listed for it here.
 * Opening a database at a newer version runs the missing steps inside IndexedDB's upgrade
 * transaction, so an upgrade is all or nothing: a step that throws leaves the data as it was.
 *
 * A step is a pure function of one stored record: it returns the record as the next version
 * keeps it (under the same key or a new one), or undefined to drop it. Every record passes
 * through every missing step in order. Never edit or remove a released step; add one, with its
 * test in migrations.spec.ts. A step for conversations drops their `shape` (see readConversation
 * in conversations.ts), so that what it returns is checked when next read.
 */
import { hostOf } from '$lib/model/settings';

export interface StoredRecord {
	key: IDBValidKey;
	value: unknown;
}
export type Migration = (record: StoredRecord) => StoredRecord | undefined;

export const MIGRATIONS = {
	settings: [
		// 2: the one saved connection (`connection`) becomes the first of a list (`connections`),
		// named after its host, with its token (if remembered) and sign-in as they were.
		({ key, value }) => {
			if (key !== 'connection' || !value || typeof value !== 'object') return { key, value };
			const connection: Record<string, unknown> = { ...value };
			delete connection.version;
			const name = typeof connection.endpoint === 'string' ? hostOf(connection.endpoint) : '';
			return {
				key: 'connections',
				value: { version: 2, connections: [{ id: 'first', name, ...connection }], chosen: {} }
			};
		}
	],
	/** Rendered replies are a cache, rebuilt from their conversation when missing. */
	rendered: [
		// 2: drop HTML drawn under the first sanitizer profile (src/lib/markdown/render.ts), which
		// kept `class` and `id` from replies. It was never shown again, only kept taking space.
		() => undefined
	]
} satisfies Record<string, Migration[]>;

/** The schema version the code expects of one store. */
export function schemaVersion(steps: readonly Migration[] = []): number {
	return steps.length + 1;
}

/** One record through the steps from `from` on; undefined once a step drops it. */
export function migrate(
	record: StoredRecord,
	from: number,
	steps: readonly Migration[]
): StoredRecord | undefined {
	let moved: StoredRecord | undefined = record;
	for (const step of steps.slice(from - 1)) {
		if (!moved) break;
		moved = step(moved);
	}
	return moved;
}

/**
 * Creates or upgrades one database in its upgrade transaction: version 1 is the empty key-value
 * store idb-keyval uses; each later version is one step, applied to every record in one pass.
 */
export function upgrade(
	db: IDBDatabase,
	transaction: IDBTransaction,
	from: number,
	steps: readonly Migration[] = [],
	failed: (error: unknown) => void = () => undefined
): void {
	// A new database has nothing to move forward.
	if (from < 1) return void db.createObjectStore('keyval');
	if (from >= schemaVersion(steps)) return;
	const store = transaction.objectStore('keyval');
	// Records under a new key are written after the walk, so it does not meet them again.
	const moved: StoredRecord[] = [];
	const walk = store.openCursor();
	walk.onsuccess = () => {
		const cursor = walk.result;
		if (!cursor) {
			for (const record of moved) store.put(record.value, record.key);
			return;
		}
		let next: StoredRecord | undefined;
		try {
			next = migrate({ key: cursor.key, value: cursor.value }, from, steps);
		} catch (error) {
			// The whole upgrade is undone: the data stays at its old version.
			failed(error);
			transaction.abort();
			return;
		}
		// Cerulean's keys are strings, so a renamed record is one whose key is another string.
		if (next && next.key === cursor.key) cursor.update(next.value);
		else {
			cursor.delete();
			if (next) moved.push(next);
		}
		cursor.continue();
	};
}
