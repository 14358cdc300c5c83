// The open block of a streaming reply: the block still being written, drawn again a few times a
// second. Most are a few lines, drawn whole (morphChildren keeps what did not change). A table or
// a list is one block for as long as the model writes it, though: drawn whole, each redraw would
// sanitize, parse and compare every row so far, and a 600-row table at 500 tokens a second took
// more than half of the main thread (README, Performance). Its rows are drawn as they come instead.
import { morphChildren } from './morph';

/** A table or a list being written, in the parts it is drawn in. */
export interface Items {
	/** What each part is drawn with before its items: a table's header and delimiter rows. */
	head: string;
	/** A table's rows, or a list's entries (each with its indented lines); the last may grow. */
	items: string[];
	/** The element the block is drawn as, whose items' elements are in it (a table's body's). */
	container: 'TABLE' | 'UL' | 'OL';
	/** What each item begins with: TABLE_ROW, or a list's kind of marker (see kindOf). */
	kind: string;
}

const DELIMITER_ROW = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const ROW = /^ {0,3}\|/;
/** An entry's first line: its marker, then a space. */
const ENTRY = /^([-*+]|\d{1,9}[.)]) /;
const THEMATIC_BREAK = /^ {0,3}([-*_])( *\1){2,} *$/;
const TABLE_ROW = '|';

/**
 * The items of an open block that is one table or one list and nothing else, drawn one by one as
 * they would be drawn together; undefined for anything else (a blank line, a line of another kind,
 * a list whose markers change), which is drawn whole.
 */
export function itemsOf(markdown: string): Items | undefined {
	// Most open blocks are paragraphs: not split into lines at every redraw to find that out.
	if (!ROW.test(markdown) && !ENTRY.test(markdown)) return undefined;
	const lines = linesOf(markdown);
	const [first = '', second = ''] = lines;
	if (ROW.test(first) && second.includes('|') && DELIMITER_ROW.test(second)) {
		const items = itemsIn(lines.slice(2), TABLE_ROW);
		return items && { head: `${first}\n${second}`, items, container: 'TABLE', kind: TABLE_ROW };
	}
	const kind = kindOf(first);
	const items = kind && itemsIn(lines, kind);
	return kind && items
		? { head: '', items, container: /\d/.test(first[0] ?? '') ? 'OL' : 'UL', kind }
		: undefined;
}

function linesOf(markdown: string): string[] {
	const lines = markdown.split('\n');
	if (lines.at(-1) === '') lines.pop();
	return lines;
}

/**
 * `lines` as items of `kind` (table rows, or entries with their indented lines), the first line
 * beginning one; undefined where a line is of another kind.
 */
function itemsIn(lines: readonly string[], kind: string): string[] | undefined {
	// Every row begins with a pipe: no line of another block ends the table early.
	if (kind === TABLE_ROW) return lines.every((row) => ROW.test(row)) ? [...lines] : undefined;
	const items: string[] = [];
	for (const line of lines) {
		if (ENTRY.test(line)) {
			// Another marker starts another list; a row of dashes is a rule.
			if (kindOf(line) !== kind || THEMATIC_BREAK.test(line)) return undefined;
			items.push(line);
		} else if (/^\s+\S/.test(line) && items.length) {
			items[items.length - 1] += `\n${line}`;
		} else {
			return undefined;
		}
	}
	return items;
}

/** What makes entries one list: the same bullet, or numbers with the same delimiter. */
function kindOf(line: string): string | undefined {
	const marker = ENTRY.exec(line)?.[1];
	return marker && (/\d/.test(marker) ? `1${marker.at(-1)}` : marker);
}

/** What was drawn last in an open block, when it was a table or a list. */
export interface Drawn extends Omit<Items, 'items'> {
	/**
	 * The Markdown of the block up to its last item (a table's head included): the items in it
	 * are drawn for good, and only what follows it is read again.
	 */
	settled: string;
	/** How many items that is. */
	count: number;
}

/** Parses sanitized HTML, inert, to be moved into the page. */
let parser: HTMLTemplateElement | undefined;

/**
 * Draws `markdown` into the open block `element`, whose content was drawn by this function as
 * `drawn` says, with `render` (Markdown to sanitized HTML). Items drawn before whose lines have
 * ended are left as they are: only those after them are rendered and put in. Returns what to pass
 * as `drawn` next time.
 */
export function drawOpenBlock(
	element: HTMLElement,
	markdown: string,
	render: (markdown: string) => string,
	drawn: Drawn | undefined
): Drawn | undefined {
	parser ??= document.createElement('template');
	// Some items settled: a block whose first item is still being written may be another block
	// altogether (an ordered list starting at another number) drawn into the same element. Only
	// what follows them is split into items: a redraw's work is the new rows, not the table.
	const fresh =
		drawn?.count && markdown.startsWith(drawn.settled)
			? itemsIn(linesOf(markdown.slice(drawn.settled.length)), drawn.kind)
			: undefined;
	const container = drawn && fresh?.length ? holderIn(element, drawn.container) : undefined;
	if (drawn && fresh && container && container.children.length >= drawn.count) {
		parser.innerHTML = render(joined(drawn.head, fresh));
		const drawnFresh = holderIn(parser.content, drawn.container);
		if (drawnFresh?.children.length === fresh.length) {
			while (container.children.length > drawn.count) container.lastElementChild?.remove();
			container.append(...drawnFresh.children);
			parser.innerHTML = '';
			return settledOf(markdown, fresh, drawn);
		}
	}
	const parts = itemsOf(markdown);
	parser.innerHTML = render(markdown);
	morphChildren(element, parser.content);
	parser.innerHTML = '';
	return parts?.items.length &&
		holderIn(element, parts.container)?.children.length === parts.items.length
		? settledOf(markdown, parts.items, { ...parts, count: 0 })
		: undefined;
}

/** The element holding the items, where the block drawn is that one table or list alone. */
function holderIn(root: ParentNode, tag: Items['container']): Element | undefined {
	const top = root.firstElementChild;
	if (top?.tagName !== tag || top.nextElementSibling) return undefined;
	return tag === 'TABLE' ? (top.querySelector(':scope > tbody') ?? undefined) : top;
}

const joined = (head: string, items: readonly string[]) =>
	head ? `${head}\n${items.join('\n')}` : items.join('\n');

/**
 * What is drawn of `markdown` once `items`, its last items, are: all but the last are drawn for
 * good (the last may still grow), after the `before.count` settled before them.
 */
function settledOf(
	markdown: string,
	items: readonly string[],
	before: Omit<Drawn, 'settled'>
): Drawn {
	const last = items.at(-1) ?? '';
	return {
		head: before.head,
		container: before.container,
		kind: before.kind,
		settled: markdown.slice(0, markdown.lastIndexOf(last)),
		count: before.count + items.length - 1
	};
}
