import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false });

/**
 * Markdown to HTML as marked makes it, not yet sanitized: the one set of options for the page
 * (render.ts) and the stream worker, which parses a reply's blocks as they arrive so that the
 * page only sanitizes them. Throws where marked does (thousands of nested quotes overflow its
 * stack).
 */
export function parseMarkdown(markdown: string): string {
	return marked.parse(markdown, { async: false });
}

/** Blocks parsed elsewhere (the stream worker), by their Markdown, until the page draws them. */
const parsedElsewhere = new Map<string, string>();
/**
 * The HTML kept at most, in characters, oldest out first: the page draws a block moments after it
 * is offered, and an open block offered again as it grew is not drawn at every size.
 */
const KEPT_CHARS = 2_000_000;
let kept = 0;

/** Takes Markdown and its HTML as another thread parsed them with parseMarkdown. */
export function offerParsed(pairs: readonly (readonly [string, string])[]): void {
	for (const [markdown, html] of pairs) {
		forget(markdown);
		parsedElsewhere.set(markdown, html);
		kept += html.length;
	}
	for (const markdown of parsedElsewhere.keys()) {
		if (kept <= KEPT_CHARS) break;
		forget(markdown);
	}
}

function forget(markdown: string): void {
	kept -= parsedElsewhere.get(markdown)?.length ?? 0;
	parsedElsewhere.delete(markdown);
}

/** parseMarkdown's HTML for this Markdown: parsed elsewhere already if it was, else here. */
export function parsedHtml(markdown: string): string {
	const html = parsedElsewhere.get(markdown);
	if (html === undefined) return parseMarkdown(markdown);
	forget(markdown);
	return html;
}
