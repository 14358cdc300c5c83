/**
 * Finished replies' HTML kept between visits, so a conversation opened after a reload is drawn
 * from its kept HTML rather than parsed, sanitized and highlighted again. Reads made in the same
 * turn go to storage together; writes are gathered and made when the page is idle.
 */

/** Where the HTML is kept (the session hands it over: see src/lib/storage/rendered.ts). */
export interface HtmlStore {
	read(keys: string[]): Promise<(string[] | undefined)[]>;
	write(entries: [string, string[]][]): Promise<void>;
}

/** What a Markdown view needs to keep its HTML: the store, and whose HTML it is. */
export interface KeepIn {
	store: HtmlStore;
	/** The conversation's id: its kept HTML is deleted with it. */
	scope: string;
}

/**
 * Changes whenever render.ts or highlight.ts change the HTML they make, so HTML kept by an older
 * version is never shown.
 */
export const RENDER_VERSION = 2;

/** A 53-bit hash of the text (cyrb53, public domain: https://stackoverflow.com/a/52171480). */
function hash(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The key a text's HTML is kept under. */
export function keyOf(keep: KeepIn, text: string): string {
	return `${keep.scope}\u0000${RENDER_VERSION}:${text.length}:${hash(text)}`;
}

const reads = new Map<HtmlStore, Map<string, ((html: string[] | undefined) => void)[]>>();

/** The kept HTML under `key`, if any; never fails (a storage error reads as nothing kept). */
export function lookup(store: HtmlStore, key: string): Promise<string[] | undefined> {
	return new Promise((resolve) => {
		let batch = reads.get(store);
		if (!batch) {
			const started = new Map<string, ((html: string[] | undefined) => void)[]>();
			reads.set(store, started);
			batch = started;
			queueMicrotask(() => {
				reads.delete(store);
				const keys = [...started.keys()];
				store.read(keys).then(
					(values) => keys.forEach((k, i) => started.get(k)?.forEach((r) => r(values[i]))),
					() => keys.forEach((k) => started.get(k)?.forEach((r) => r(undefined)))
				);
			});
		}
		batch.set(key, [...(batch.get(key) ?? []), resolve]);
	});
}

const writes = new Map<HtmlStore, Map<string, string[]>>();

/** Keeps `html` under `key`, written with others once the page is idle. */
export function keep(store: HtmlStore, key: string, html: string[]): void {
	let batch = writes.get(store);
	if (!batch) {
		const started = new Map<string, string[]>();
		writes.set(store, started);
		batch = started;
		const flush = () => {
			writes.delete(store);
			void store.write([...started]).catch(() => undefined);
		};
		if (typeof requestIdleCallback === 'function') requestIdleCallback(flush, { timeout: 2000 });
		else setTimeout(flush, 500);
	}
	batch.set(key, html);
}
