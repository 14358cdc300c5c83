// Highlighting code on the page: code a reply's stream worker coloured already is taken as it is,
// other code (a reply from history, a shared page) is coloured in a worker of its own
// (highlight.worker.ts) and only put in here, a slice at a time.
import type { HLJSApi } from 'highlight.js';
import { codeKey, grammarOf, highlighterFor } from './highlight';
import { Offered } from './offered';

/** Blocks to highlight, as [grammar, code], under an id the reply comes back with. */
export interface HighlightRequest {
	id: number;
	blocks: [string, string][];
}
/** Each block's highlight.js markup, in order; none if the worker could not highlight them. */
export interface HighlightReply {
	id: number;
	values?: string[];
}

/** Code highlighted elsewhere (the stream worker), by codeKey. */
const highlightedElsewhere = new Offered(1_000_000);

/** Takes code blocks' highlighting as the stream worker made it, by codeKey. */
export function offerHighlighted(pairs: readonly (readonly [string, string])[]): void {
	highlightedElsewhere.offer(pairs);
}

/** Gives the page a turn between slices of work, so no one task runs long. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** The most one slice of highlighting may take. */
const SLICE_MS = 12;

/** Code in a Markdown view not highlighted yet. */
export const PENDING_CODE = 'pre code[class*="language-"]:not([data-highlighted])';

let worker: Worker | undefined;
/** The worker could not be started: code is highlighted on the page from then on. */
let workerFailed = typeof Worker === 'undefined';
let lastId = 0;
const waiting = new Map<number, (values: string[] | undefined) => void>();

/** The blocks' highlight.js markup from the worker, or none where it cannot give it. */
function highlightInWorker(blocks: [string, string][]): Promise<string[] | undefined> {
	if (workerFailed) return Promise.resolve(undefined);
	if (!worker) {
		worker = new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = ({ data }: MessageEvent<HighlightReply>) => {
			waiting.get(data.id)?.(data.values);
			waiting.delete(data.id);
		};
		worker.onerror = () => {
			workerFailed = true;
			worker?.terminate();
			for (const resolve of waiting.values()) resolve(undefined);
			waiting.clear();
		};
	}
	const id = ++lastId;
	const reply = new Promise<string[] | undefined>((resolve) => waiting.set(id, resolve));
	worker.postMessage({ id, blocks } satisfies HighlightRequest);
	return reply;
}

/** Highlights the code inside `roots` not highlighted yet, a few at a time; true if it changed any. */
export async function highlightWithin(roots: Iterable<Element>): Promise<boolean> {
	const pending = [...roots].flatMap((root) => [
		...root.querySelectorAll<HTMLElement>(PENDING_CODE)
	]);
	const blocks = pending.map((element) => {
		const language = /language-([\w+#.-]+)/.exec(element.className)?.[1] ?? '';
		return { element, grammar: grammarOf(language) };
	});
	if (!blocks.length) return false;
	const known: { element: HTMLElement; grammar: string; code: string }[] = [];
	for (const { element, grammar } of blocks) {
		if (!grammar) element.dataset.highlighted = 'no';
		// Code the stream worker highlighted already is coloured at once, without highlight.js.
		else if (!colourOffered(element, grammar))
			known.push({ element, grammar, code: element.textContent ?? '' });
	}
	if (!known.length) return true;
	const values = await highlightInWorker(known.map(({ grammar, code }) => [grammar, code]));
	/** highlight.js on the page, loaded only if the worker gave nothing. */
	let here: HLJSApi | undefined;
	let sliceStart = performance.now();
	for (const [index, { element, grammar, code }] of known.entries()) {
		if (!element.isConnected || element.dataset.highlighted) continue;
		if (performance.now() - sliceStart > SLICE_MS) {
			await yieldToPage();
			sliceStart = performance.now();
		}
		// The stream worker may have coloured it meanwhile (it colours the last code of a reply
		// when the reply ends).
		if (colourOffered(element, grammar)) continue;
		let value = element.textContent === code ? values?.[index] : undefined;
		if (value === undefined) {
			here ??= await highlighterFor(known.map((block) => block.grammar));
			if (!element.isConnected || element.dataset.highlighted) continue;
			// As hljs.highlightElement does, with the grammar named rather than guessed from the class.
			value = here.highlight(element.textContent ?? '', {
				language: grammar,
				ignoreIllegals: true
			}).value;
		}
		colour(element, value);
	}
	return true;
}

/** Colours the element as the stream worker highlighted its code, if it did; true if so. */
function colourOffered(element: HTMLElement, grammar: string): boolean {
	const value = highlightedElsewhere.get(codeKey(grammar, element.textContent ?? ''));
	if (value !== undefined) colour(element, value);
	return value !== undefined;
}

/** Puts highlight.js's markup for the element's own text in it. */
function colour(element: HTMLElement, value: string): void {
	element.innerHTML = value;
	element.classList.add('hljs');
	element.dataset.highlighted = 'yes';
}
