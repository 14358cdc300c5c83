/**
 * What another thread (the stream worker) worked out ahead of the page, by what it was worked out
 * from: a block's HTML by its Markdown, a code block's highlighting by its code. Kept up to `limit`
 * characters, oldest out first; an entry stays after it is used, since a reply often repeats a
 * block (a rule, a heading, the same snippet) and the worker offers it once.
 */
export class Offered {
	#entries = new Map<string, string>();
	#kept = 0;

	constructor(private readonly limit: number) {}

	offer(pairs: readonly (readonly [string, string])[]): void {
		for (const [key, value] of pairs) {
			this.#forget(key);
			this.#entries.set(key, value);
			this.#kept += value.length;
		}
		for (const key of this.#entries.keys()) {
			if (this.#kept <= this.limit) break;
			this.#forget(key);
		}
	}

	get(key: string): string | undefined {
		return this.#entries.get(key);
	}

	#forget(key: string): void {
		this.#kept -= this.#entries.get(key)?.length ?? 0;
		this.#entries.delete(key);
	}
}
