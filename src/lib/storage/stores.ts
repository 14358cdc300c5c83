import { clear, createStore, type UseStore } from 'idb-keyval';

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

/** The idb-keyval store for one kind of data, opened on first use. */
export function store(name: StoreName): UseStore {
	let handle = opened.get(name);
	if (!handle) {
		handle = createStore(names[name], 'keyval');
		opened.set(name, handle);
	}
	return handle;
}

/** Deletes everything Cerulean keeps on this device: settings and all history. */
export async function clearAllData(): Promise<void> {
	await Promise.all((Object.keys(names) as StoreName[]).map((name) => clear(store(name))));
}
