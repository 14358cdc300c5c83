/// <reference lib="webworker" />
// The worker code from history is highlighted in (src/lib/markdown/highlight-page.ts): highlight.js
// compiles a grammar on its first use and colours each block in one go, tens of milliseconds for
// long code, which on the page were the long tasks of scrolling up a long conversation.
import { highlighterFor } from './highlight';
import type { HighlightReply, HighlightRequest } from './highlight-page';

self.onmessage = async ({ data }: MessageEvent<HighlightRequest>) => {
	const { id, blocks } = data;
	let reply: HighlightReply;
	try {
		const hljs = await highlighterFor(blocks.map(([grammar]) => grammar));
		const values = blocks.map(
			([language, code]) => hljs.highlight(code, { language, ignoreIllegals: true }).value
		);
		reply = { id, values };
	} catch {
		// A grammar that could not be loaded here (offline, say): the page colours it itself.
		reply = { id };
	}
	self.postMessage(reply);
};
