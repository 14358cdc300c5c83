import type { ChatChunk } from '$lib/azure/sse';
import { BlockSplitter } from './blocks';
import { parseMarkdown } from './parse';

/**
 * Each reply's text as the page will have it, split into blocks as the page splits it
 * (src/lib/markdown/blocks.ts): each block is parsed once it is finished, and the open block each
 * time it grows, so the page sanitizes them without parsing them again.
 */
export class ReplyParser {
	#replies = new Map<number, { text: string; splitter: BlockSplitter; sent: number }>();
	#prefix: string;

	constructor(prefix: string) {
		this.#prefix = prefix;
	}

	/** The blocks new or changed by this chunk, with their HTML. */
	add(chunk: ChatChunk): [string, string][] {
		const parsed: [string, string][] = [];
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
			const blocks = tail.trim()
				? [...finished.slice(reply.sent), tail]
				: finished.slice(reply.sent);
			reply.sent = finished.length;
			for (const block of blocks) {
				try {
					parsed.push([block, parseMarkdown(block)]);
				} catch {
					// Left to the page, which shows what marked cannot parse as plain text.
				}
			}
		}
		return parsed;
	}
}
