import { keyOf, lookup, type KeepIn } from './keeper';

/**
 * Finished texts as rendered HTML blocks, so reopening a conversation does not parse and sanitize
 * its Markdown again. Oldest out first once the kept text passes the limit.
 */
const cache = new Map<string, string[]>();
const CACHE_LIMIT = 8_000_000;
let cached = 0;

/** The HTML blocks drawn (or read) for this finished text, if they are at hand. */
export const drawnHtml = (text: string): string[] | undefined => cache.get(text);

export function remember(text: string, html: string[]): void {
	if (text.length > CACHE_LIMIT / 4) return;
	if (!cache.has(text)) cached += text.length;
	cache.set(text, html);
	for (const key of cache.keys()) {
		if (cached <= CACHE_LIMIT) break;
		cache.delete(key);
		cached -= key.length;
	}
}

/** The HTML kept for a finished text between visits (keeper.ts), remembered here once read. */
export async function readKept(keepIn: KeepIn, text: string): Promise<string[] | undefined> {
	const html = await lookup(keepIn.store, keyOf(keepIn, text));
	if (html) remember(text, html);
	return html;
}

/**
 * Reads the kept HTML of texts about to be drawn, so that they are drawn from it at once rather
 * than shown as plain text for the moment the read takes; waits `waitMs` at most.
 */
export function readAhead(keepIn: KeepIn, texts: string[], waitMs: number): Promise<void> {
	const read = Promise.all(
		texts.filter((text) => text && !cache.has(text)).map((text) => readKept(keepIn, text))
	);
	return Promise.race([
		read.then(() => undefined),
		new Promise<void>((resolve) => setTimeout(resolve, waitMs))
	]);
}
