import { clear, type UseStore } from 'idb-keyval';
import { MIGRATIONS, schemaVersion, upgrade, type Migration } from './migrations';

/** One IndexedDB database per kind of data, so each can be cleared or migrated alone. */
const names = {
	settings: 'cerulean-settings',
	conversations: 'cerulean-conversations',
	/** One small record per conversation, what the list shows (see conversations.ts). */
	summaries: 'cerulean-summaries',
	/** The reply being streamed, written alone while it arrives (see conversations.ts). */
	drafts: 'cerulean-drafts',
	/** Finished replies as drawn HTML, so reopening a conversation does not render it again. */
	rendered: 'cerulean-rendered',
	functions: 'cerulean-functions',
	images: 'cerulean-images',
	transcripts: 'cerulean-transcripts',
	/** Compare's runs: one message sent to several deployments (see compare.ts). */
	compare: 'cerulean-compare',
	/** The prompt library: saved system messages and messages (see prompts.ts). */
	prompts: 'cerulean-prompts',
	/** A long recording being transcribed in parts: where it got to, and the parts' audio (see jobs.ts). */
	jobs: 'cerulean-jobs',
	prefs: 'cerulean-prefs'
} as const;

export type StoreName = keyof typeof names;
const opened = new Map<StoreName, UseStore>();

/** IndexedDB as used: the browser's, or an in-memory stand-in once the browser's would not open. */
interface Databases {
	factory: IDBFactory;
	keyRange: typeof IDBKeyRange;
}

/**
 * What the page should say about storage:
 * - `refused`: the browser will not open its storage (a private window, a setting or policy);
 * - `newer`: the data was saved by a newer version of Cerulean, which this one leaves alone;
 * - `upgraded`: a newer version opened in another tab while this one was open;
 * - `blocked`: an older version in another tab holds the storage this tab needs to upgrade, and
 *   `unblocked` once it let go.
 * After the first three, this tab works from memory and keeps nothing.
 */
export type StorageProblem =
	{ kind: 'refused'; reason: string } | { kind: 'newer' | 'upgraded' | 'blocked' | 'unblocked' };

let inMemory: Promise<Databases> | undefined;
const listeners = new Set<(problem: StorageProblem) => void>();

/** Hears what goes wrong with storage, for the page to say it (see StorageProblem). */
export function onStorageProblem(listener: (problem: StorageProblem) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function tell(problem: StorageProblem): void {
	for (const listener of listeners) listener(problem);
}

/**
 * The in-memory IndexedDB (fake-indexeddb, loaded only when needed): every page keeps working for
 * the session, with the same code, instead of failing on each read and write.
 */
function memory(problem: StorageProblem): Promise<Databases> {
	if (!inMemory) {
		tell(problem);
		inMemory = import('fake-indexeddb').then((m) => ({
			factory: m.indexedDB,
			keyRange: m.IDBKeyRange
		}));
	}
	return inMemory;
}

/**
 * How long the browser may take to open a database before the page works from memory instead.
 * Some contexts never answer at all (a frame inside another site whose storage is denied).
 */
const OPEN_TIMEOUT_MS = 5000;

/** Opens one database at the version this code expects, moving older data forward. */
function openIn(
	databases: Databases,
	name: string,
	steps: readonly Migration[] | undefined
): Promise<IDBDatabase> {
	const request = databases.factory.open(name, schemaVersion(steps));
	let blocked = false;
	let upgrading = false;
	let gaveUp = false;
	let failure: unknown;
	request.onupgradeneeded = (event) => {
		if (!request.transaction) return;
		upgrading = true;
		upgrade(request.result, request.transaction, event.oldVersion, steps, (error) => {
			failure = error;
		});
	};
	return new Promise<IDBDatabase>((resolve, reject) => {
		// Waiting for another tab, or moving much data forward, is not a browser that does not answer.
		const timer = setTimeout(() => {
			if (blocked || upgrading) return;
			gaveUp = true;
			reject(new Error('the browser did not open its storage'));
		}, OPEN_TIMEOUT_MS);
		const settle = () => {
			clearTimeout(timer);
			if (blocked) tell({ kind: 'unblocked' });
		};
		request.onblocked = () => {
			blocked = true;
			tell({ kind: 'blocked' });
		};
		request.onsuccess = () => {
			settle();
			// Too late: the page already works from memory; let go, so no upgrade waits on it.
			if (gaveUp) request.result.close();
			else resolve(request.result);
		};
		request.onerror = () => {
			settle();
			if (!failure) return reject(request.error);
			const reason = failure instanceof Error ? failure.message : String(failure);
			reject(
				new Error(`its data could not be moved to this version of Cerulean: ${reason}`, {
					cause: request.error
				})
			);
		};
	});
}

/**
 * Opens one database, falling back to memory (for every store) when the browser refuses, or when
 * the data there is of a newer version than this code knows: it is left exactly as it is.
 */
async function openDatabase(
	name: string,
	steps: readonly Migration[] | undefined
): Promise<{ db: IDBDatabase; databases: Databases }> {
	let databases = await inMemory;
	if (!databases) {
		const browser = { factory: indexedDB, keyRange: IDBKeyRange };
		try {
			return { db: await openIn(browser, name, steps), databases: browser };
		} catch (error) {
			const newer = error instanceof DOMException && error.name === 'VersionError';
			const reason = (error instanceof Error && error.message) || 'IndexedDB is not available';
			databases = await memory(newer ? { kind: 'newer' } : { kind: 'refused', reason });
		}
	}
	return { db: await openIn(databases, name, steps), databases };
}

/** Key ranges of the IndexedDB a store lives in (the browser's and the stand-in's differ). */
const rangeOf = new Map<StoreName, typeof IDBKeyRange>();

/**
 * The idb-keyval store for one kind of data, opened on first use: idb-keyval's own `createStore`,
 * with a fallback to memory when the browser will not open a database.
 */
export function store(name: StoreName): UseStore {
	let handle = opened.get(name);
	if (!handle) {
		let opening: Promise<IDBDatabase> | undefined;
		const open = () =>
			(opening ??= openDatabase(names[name], MIGRATIONS[name as keyof typeof MIGRATIONS]).then(
				({ db, databases }) => {
					rangeOf.set(name, databases.keyRange);
					// Closed by the browser (storage cleared): open again on next use.
					db.onclose = () => (opening = undefined);
					// A newer version in another tab needs this database: let it upgrade, and say
					// that this tab, which cannot read the new data, now keeps nothing.
					db.onversionchange = (event) => {
						db.close();
						opening = undefined;
						if (event.newVersion !== null) tell({ kind: 'upgraded' });
					};
					return db;
				}
			));
		handle = (mode, callback) =>
			open().then((db) => callback(db.transaction('keyval', mode).objectStore('keyval')));
		opened.set(name, handle);
	}
	return handle;
}

/** A key range for a store that has been used. */
export function keyRange(name: StoreName): typeof IDBKeyRange {
	return rangeOf.get(name) ?? IDBKeyRange;
}

/** Deletes everything Cerulean keeps on this device: settings and all history. */
export async function clearAllData(): Promise<void> {
	await Promise.all((Object.keys(names) as StoreName[]).map((name) => clear(store(name))));
}
