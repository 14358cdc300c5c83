// The composer's token count: loaded once something is typed, counted in a worker
// (token-count.worker.ts) so that a long conversation never holds up the page.

export type Encoding = 'o200k_base' | 'cl100k_base';
export interface TokenJob {
	id: number;
	encoding: Encoding;
	texts: string[];
}
export type TokenAnswer = { id: number; counts: number[] } | { id: number; error: string };

/** The encoding a model reads: gpt-35-turbo and gpt-4 (but not gpt-4o or gpt-4.1) use cl100k. */
export function encodingFor(model: string): Encoding {
	return /^(gpt-35|gpt-3\.5|gpt-4(-|$))/i.test(model) ? 'cl100k_base' : 'o200k_base';
}

/**
 * Tokens the chat format adds around each message (its role and separators), and to start the
 * reply, as OpenAI's cookbook counts them for these models.
 */
export const PER_MESSAGE = 3;
export const REPLY_PRIMING = 3;

/** How long typing pauses before the count is taken again. */
const SETTLE_MS = 250;

/**
 * Counts the message being typed and the whole conversation it would be sent with. Each distinct
 * text is counted once per encoding; a new keystroke counts only the draft again.
 */
export class TokenCounter {
	/** The message being typed, and everything that would be sent with it; undefined until known. */
	counts = $state<{ draft: number; total: number }>();
	failed = $state(false);
	#worker: Worker | undefined;
	/**
	 * Counts per encoding, by text. Keyed by the text itself, whose hash the engine keeps with it,
	 * so looking up a long conversation again costs one lookup a message, not a pass over its text.
	 */
	#known: Record<Encoding, Map<string, number>> = {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of counts, never drawn
		o200k_base: new Map(),
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of counts, never drawn
		cl100k_base: new Map()
	};
	#timer: ReturnType<typeof setTimeout> | undefined;
	#job = 0;

	/** Counts again once typing settles, with the encoding of the model (or deployment) named. */
	update = (model: string, history: readonly string[], draft: string): void => {
		clearTimeout(this.#timer);
		const encoding = encodingFor(model);
		this.#timer = setTimeout(() => void this.#count(encoding, history, draft), SETTLE_MS);
	};

	#count = async (encoding: Encoding, history: readonly string[], draft: string): Promise<void> => {
		const known = this.#known[encoding];
		const texts = [...history, draft];
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- only to drop repeats
		const missing = [...new Set(texts.filter((text) => !known.has(text)))];
		const job = ++this.#job;
		if (missing.length) {
			const counts = await this.#ask(encoding, missing);
			if (!counts) return void (this.failed = true);
			missing.forEach((text, i) => known.set(text, counts[i] ?? 0));
		}
		if (job !== this.#job) return;
		const of = (text: string) => known.get(text) ?? 0;
		const messages = history.length + (draft ? 1 : 0);
		this.counts = {
			draft: of(draft),
			total:
				history.reduce((sum, text) => sum + of(text), of(draft)) +
				messages * PER_MESSAGE +
				REPLY_PRIMING
		};
	};

	#ask = (encoding: Encoding, texts: string[]): Promise<number[] | undefined> => {
		try {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- where the worker's script is
			this.#worker ??= new Worker(new URL('./token-count.worker.ts', import.meta.url), {
				type: 'module'
			});
		} catch {
			return Promise.resolve(undefined);
		}
		const worker = this.#worker;
		const id = this.#job;
		return new Promise((resolve) => {
			const done = (counts: number[] | undefined) => {
				worker.removeEventListener('message', heard);
				worker.removeEventListener('error', failed);
				resolve(counts);
			};
			const heard = (event: MessageEvent<TokenAnswer>) => {
				if (event.data.id === id) done('counts' in event.data ? event.data.counts : undefined);
			};
			const failed = () => done(undefined);
			worker.addEventListener('message', heard);
			worker.addEventListener('error', failed);
			worker.postMessage({ id, encoding, texts } satisfies TokenJob);
		});
	};

	stop = (): void => {
		clearTimeout(this.#timer);
		this.#worker?.terminate();
		this.#worker = undefined;
	};
}
