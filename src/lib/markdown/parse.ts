import { Marked, type Token, type Tokens } from 'marked';
import { Offered } from './offered';

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

/**
 * parseMarkdown's HTML, and the fenced code blocks in it, from one reading of the Markdown. A
 * fence is `closed` when its closing line has come: its code will not grow.
 */
export function parseWithCode(markdown: string): {
	html: string;
	code: { language: string; text: string; closed: boolean }[];
} {
	const tokens = marked.lexer(markdown);
	const code: { language: string; text: string; closed: boolean }[] = [];
	marked.walkTokens(tokens, (token: Token) => {
		if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return;
		const { lang, text, raw } = token as Tokens.Code;
		code.push({ language: lang ?? '', text, closed: /\n *(`{3,}|~{3,})\s*$/.test(raw) });
	});
	return { html: marked.parser(tokens), code };
}

/** Blocks parsed elsewhere (the stream worker), by their Markdown. */
const parsedElsewhere = new Offered(2_000_000);

/** Takes Markdown and its HTML as another thread parsed them with parseMarkdown. */
export function offerParsed(pairs: readonly (readonly [string, string])[]): void {
	parsedElsewhere.offer(pairs);
}

/** parseMarkdown's HTML for this Markdown: parsed elsewhere already if it was, else here. */
export function parsedHtml(markdown: string): string {
	return parsedElsewhere.get(markdown) ?? parseMarkdown(markdown);
}
