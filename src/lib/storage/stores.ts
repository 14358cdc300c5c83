import { clear, promisifyRequest, type UseStore } from 'idb-keyval';

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
	prefs: 'cerulean-prefs'
} as const;

export type StoreName = keyof typeof names;
const opened = new Map<StoreName, UseStore>();

/** IndexedDB as used: the browser's, or an in-memory stand-in once the browser's would not open. */
interface Databases {
	factory: IDBFactory;
	keyRange: typeof IDBKeyRange;
}

let inMemory: Promise<Databases> | undefined;
const unavailableListeners = new Set<(reason: string) => void>();

/**
 * Hears, once, that this browser will not keep anything (a private window, storage blocked by a
 * setting or policy): from then on data lives in memory for this tab only.
 */
export function onStorageUnavailable(listener: (reason: string) => void): () => void {
	unavailableListeners.add(listener);
	return () => unavailableListeners.delete(listener);
}

/**
 * The in-memory IndexedDB (fake-indexeddb, loaded only when needed): every page keeps working for
 * the session, with the same code, instead of failing on each read and write.
 */
function memory(reason: string): Promise<Databases> {
	if (!inMemory) {
		for (const listener of unavailableListeners) listener(reason);
		inMemory = import('fake-indexeddb').then((m) => ({
			factory: m.indexedDB,
			keyRange: m.IDBKeyRange
		}));
	}
	return inMemory;
}

async function openIn(databases: Databases, name: string): Promise<IDBDatabase> {
	const request = databases.factory.open(name);
	request.onupgradeneeded = () => request.result.createObjectStore('keyval');
	return promisifyRequest(request);
}

/** Opens one database, falling back to memory (for every store) when the browser refuses. */
async function openDatabase(name: string): Promise<{ db: IDBDatabase; databases: Databases }> {
	if (!inMemory) {
		try {
			const browser = { factory: indexedDB, keyRange: IDBKeyRange };
			return { db: await openIn(browser, name), databases: browser };
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			const databases = await memory(reason || 'IndexedDB is not available');
			return { db: await openIn(databases, name), databases };
		}
	}
	const databases = await inMemory;
	return { db: await openIn(databases, name), databases };
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
			(opening ??= openDatabase(names[name]).then(({ db, databases }) => {
				rangeOf.set(name, databases.keyRange);
				// Closed by the browser (storage cleared): open again on next use.
				db.onclose = () => (opening = undefined);
				return db;
			}));
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
