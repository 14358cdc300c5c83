/**
 * Splits streaming Markdown into finished blocks and the unfinished tail, scanning only what is new.
 * A block is finished once a blank line outside a code fence is followed by more text: from then on
 * its Markdown cannot change, so it is rendered once and its DOM is never touched again.
 */
export class BlockSplitter {
	#text = '';
	#finished: string[] = [];
	/** Where the unfinished tail starts. */
	#stable = 0;
	/** Where the scan stopped (always at a line start). */
	#scanned = 0;
	#fence: string | undefined;
	#blankAt = -1;
	#restarts = 0;

	/** How many times a text that does not continue the last one started the split over. */
	get restarts(): number {
		return this.#restarts;
	}

	update(text: string): { finished: string[]; tail: string } {
		if (!text.startsWith(this.#text)) this.#reset();
		this.#text = text;
		let at = this.#scanned;
		while (at < text.length) {
			const end = text.indexOf('\n', at);
			if (end < 0) break; // an unterminated line may still grow
			this.#line(text.slice(at, end), at);
			at = end + 1;
		}
		this.#scanned = at;
		// A block that has begun after a blank line, even mid-line, closes the one before it.
		if (!this.#fence && this.#blankAt > this.#stable && text.slice(at).trim()) {
			this.#finish(at);
		}
		return { finished: this.#finished, tail: text.slice(this.#stable) };
	}

	#line(line: string, start: number): void {
		const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (this.#fence) {
			if (
				fence &&
				fence[0] === this.#fence[0] &&
				fence.length >= this.#fence.length &&
				!/\S/.test(line.replace(/^ {0,3}[`~]+/, ''))
			) {
				this.#fence = undefined;
			}
			return;
		}
		if (!line.trim()) {
			if (this.#blankAt < 0) this.#blankAt = start;
			return;
		}
		if (this.#blankAt > this.#stable) this.#finish(start);
		this.#blankAt = -1;
		if (fence) this.#fence = fence;
	}

	/** More text after a blank line: everything before the blank line is final. */
	#finish(nextStart: number): void {
		this.#finished = [...this.#finished, own(this.#text.slice(this.#stable, this.#blankAt))];
		this.#stable = nextStart;
		this.#blankAt = -1;
	}

	#reset(): void {
		this.#restarts++;
		this.#finished = [];
		this.#stable = 0;
		this.#scanned = 0;
		this.#fence = undefined;
		this.#blankAt = -1;
	}
}

/**
 * A copy of a part of a longer string that holds only that part. A part taken with slice() is a
 * view of the whole: each finished block of a streaming reply kept the whole reply as it was when
 * the block ended alive, about 0.7 MB more heap after a 20k-token reply (npm run bench).
 */
function own(part: string): string {
	// A new string of the part and one character, flattened when sliced, then a view of that.
	return `${part} `.slice(0, -1);
}

/** All blocks of a finished text, split as a stream would have split it. */
export function splitBlocks(text: string): string[] {
	const { finished, tail } = new BlockSplitter().update(text);
	return tail.trim() ? [...finished, tail] : finished;
}
