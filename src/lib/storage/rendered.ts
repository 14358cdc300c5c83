import { clear, getMany, promisifyRequest, setMany } from 'idb-keyval';
import { z } from '$lib/zod';
import { keyRange, store } from './stores';

/**
 * Finished replies as the page drew them (sanitized, highlighted HTML blocks), keyed by
 * `<conversation id>\0<version and hash of the Markdown>`: a cache, rebuilt from the conversation
 * whenever an entry is missing, and deleted with its conversation.
 */
const htmlSchema = z.array(z.string());

/** The kept HTML for each key, or undefined where none is kept (or it does not read back). */
export async function readRendered(keys: string[]): Promise<(string[] | undefined)[]> {
	const values = await getMany(keys, store('rendered'));
	return values.map((value) => {
		const parsed = htmlSchema.safeParse(value);
		return parsed.success ? parsed.data : undefined;
	});
}

/** Keeps rendered HTML; a failure (a full disk) only means it is rendered again next time. */
export async function keepRendered(entries: [string, string[]][]): Promise<void> {
	await setMany(entries, store('rendered')).catch(() => undefined);
}

/** Every entry of one conversation. */
export function forgetRendered(conversationId: string): Promise<void> {
	return store('rendered')('readwrite', (s) =>
		promisifyRequest(
			s.delete(
				keyRange('rendered').bound(
					`${conversationId}\u0000`,
					`${conversationId}\u0001`,
					false,
					true
				)
			)
		)
	);
}

/** Starts over once more than `max` replies are kept, so the cache cannot grow without bound. */
export async function pruneRendered(max: number): Promise<void> {
	const kept = await store('rendered')('readonly', (s) => promisifyRequest(s.count()));
	if (kept > max) await clear(store('rendered'));
}
