/// <reference lib="webworker" />
// The worker Ask and Compare read a reply's stream in (src/lib/azure/stream-serve.ts). It also
// parses the reply's Markdown as it arrives and highlights its finished code
// (src/lib/markdown/reply-parser.ts), so that the page only sanitizes and draws it.
import { serveStreams } from '$lib/azure/stream-serve';
import { ReplyParser, type Parsed } from '$lib/markdown/reply-parser';

serveStreams((options) => {
	const replies = new ReplyParser((options as { prefix: string }).prefix);
	const some = (parsed: Parsed) => (parsed.html.length || parsed.code.length ? parsed : undefined);
	return {
		add: (chunk) => some(replies.add(chunk)),
		// Code whose grammar was still loading when the stream ended (a reply that arrived all at
		// once) is coloured here too, not left to the page.
		finish: async () => some(await replies.finish())
	};
});
