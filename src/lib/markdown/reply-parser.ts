import type { ChatChunk } from '$lib/azure/sse';
import { BlockSplitter } from './blocks';
import {
	codeKey,
	codeText,
	grammarOf,
	highlighterFor,
	highlightNow,
	prepareGrammar
} from './highlight';
import { parseWithCode } from './parse';

/** What a batch of a stream adds: blocks with their HTML, and code with its highlighting. */
export interface Parsed {
	/** [Markdown, HTML as parseMarkdown makes it] for each block new or changed. */
	html: [string, string][];
	/** [codeKey, highlight.js's markup] for each fenced code block finished since the last batch. */
	code: [string, string][];
}

/** How long the end of a reply may wait for the grammars of its last code. */
const FINISH_WAIT_MS = 500;

/**
 * Each reply's text as the page will have it, split into blocks as the page splits it
 * (src/lib/markdown/blocks.ts): each block is parsed once it is finished, and the open block each
 * time it grows, so the page sanitizes them without parsing them again. The code in finished
 * fences is highlighted here too, once its grammar has loaded (the page highlights what is not).
 */
export class ReplyParser {
	#replies = new Map<number, { text: string; splitter: BlockSplitter; sent: number }>();
	#prefix: string;
	/** Finished code whose grammar was still loading: [grammar, code] by codeKey. */
	#waiting = new Map<string, [string, string]>();
	#done = new Set<string>();

	constructor(prefix: string) {
		this.#prefix = prefix;
	}

	/** The blocks new or changed by this (merged) chunk, with their HTML and their code's colours. */
	add(chunk: ChatChunk): Parsed {
		const html: [string, string][] = [];
		for (const choice of chunk.choices) {
			const content = choice.delta?.content;
			if (!content) continue;
			let reply = this.#replies.get(choice.index);
			if (!reply) {
				reply = {
					text: choice.index === 0 ? this.#prefix : '',
					splitter: new BlockSplitter(),
					sent: 0
				};
				this.#replies.set(choice.index, reply);
			}
			reply.text += content;
			const { finished, tail } = reply.splitter.update(reply.text);
			const blocks: [string, boolean][] = finished.slice(reply.sent).map((block) => [block, true]);
			if (tail.trim()) blocks.push([tail, false]);
			reply.sent = finished.length;
			for (const [block, done] of blocks) {
				try {
					const parsed = parseWithCode(block);
					html.push([block, parsed.html]);
					for (const { language, text, closed } of parsed.code) {
						const grammar = grammarOf(/^[\w+#.-]*/.exec(language)?.[0] ?? '');
						if (!grammar) continue;
						const key = codeKey(grammar, text);
						if (done || closed) {
							if (!this.#done.has(key)) this.#waiting.set(key, [grammar, codeText(text)]);
						} else {
							// Its grammar loads while the fence is still being written.
							prepareGrammar(grammar);
						}
					}
				} catch {
					// Left to the page, which shows what marked cannot parse as plain text.
				}
			}
		}
		return { html, code: this.#highlight() };
	}

	/**
	 * The code still waiting for its grammar once the reply has ended, highlighted when the grammar
	 * has loaded (waiting at most FINISH_WAIT_MS for it): a reply that arrived in one batch has all
	 * its code here, and the page would otherwise load highlight.js and colour it itself.
	 */
	async finish(): Promise<Parsed> {
		const grammars = [...this.#waiting.values()].map(([grammar]) => grammar);
		if (grammars.length) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([
				highlighterFor(grammars),
				new Promise((resolve) => (timer = setTimeout(resolve, FINISH_WAIT_MS)))
			]).finally(() => clearTimeout(timer));
		}
		return { html: [], code: this.#highlight() };
	}

	/** The waiting code whose grammar has loaded, highlighted. */
	#highlight(): [string, string][] {
		const code: [string, string][] = [];
		for (const [key, [grammar, text]] of this.#waiting) {
			const value = highlightNow(grammar, text);
			if (value === undefined) continue;
			code.push([key, value]);
			this.#waiting.delete(key);
			this.#done.add(key);
		}
		return code;
	}
}
