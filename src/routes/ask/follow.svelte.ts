/**
 * Keeps a scrolling list at its newest entry as it grows (text streaming in, code highlighted,
 * notes added), until the reader scrolls up; scrolling back to the end, or jump(), follows again.
 */
export class Follow {
	/** Following the newest entry. */
	atEnd = $state(true);
	#view: HTMLElement | undefined;
	/** Where the list was scrolled to last: going up is the reader's doing, never the app's. */
	#lastTop = 0;

	/** Watches `content` inside the scrolling `view`; returns the clean-up. */
	attach = (view: HTMLElement, content: HTMLElement): (() => void) => {
		this.#view = view;
		const observer = new ResizeObserver(() => {
			if (this.atEnd) view.scrollTop = view.scrollHeight;
		});
		observer.observe(content);
		return () => observer.disconnect();
	};

	onScroll = (): void => {
		const view = this.#view;
		if (!view) return;
		const top = view.scrollTop;
		// At the end is following, whoever moved it: the list growing shorter (a reply drawn as
		// Markdown takes less room than its plain text) moves it up without the reader.
		if (view.scrollHeight - top - view.clientHeight < 40) this.atEnd = true;
		else if (top < this.#lastTop - 4) this.atEnd = false;
		this.#lastTop = top;
	};

	/** Follows again from the start of another list. */
	reset = (): void => {
		this.atEnd = true;
		this.#lastTop = 0;
	};

	/**
	 * Back to the newest entry at once: a smooth scroll would still be travelling to an end that
	 * the growing list has already moved past, and read as the reader going up again.
	 */
	jump = (): void => {
		this.atEnd = true;
		const view = this.#view;
		if (!view) return;
		view.scrollTop = view.scrollHeight;
		this.#lastTop = view.scrollTop;
	};
}
