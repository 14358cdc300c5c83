import { describe, expect, it } from 'vitest';
import type { ChatChunk } from '$lib/azure/sse';
import { BlockSplitter } from './blocks';
import { codeKey, highlighterFor } from './highlight';
import { offerParsed, parseMarkdown, parsedHtml } from './parse';
import { ReplyParser } from './reply-parser';

const reply = [
	'# Plan',
	'Some *text* with `code`.',
	'```js\nconst a = 1;\n\nconst b = 2;\n```',
	'| a | b |\n|---|---|\n| 1 | 2 |',
	'- one\n- two',
	'The end.'
].join('\n\n');

/** The reply cut into pieces of `size` characters, as chunks of choice `index`. */
function chunks(text: string, size: number, index = 0): ChatChunk[] {
	const out: ChatChunk[] = [];
	for (let at = 0; at < text.length; at += size) {
		out.push({ choices: [{ index, delta: { content: text.slice(at, at + size) } }] });
	}
	return out;
}

describe('ReplyParser', () => {
	it('offers every block the page draws, each with the HTML the page would make', () => {
		for (const size of [1, 7, 40, reply.length]) {
			const parser = new ReplyParser('');
			const page = new BlockSplitter();
			const offered = new Map<string, string>();
			let text = '';
			for (const chunk of chunks(reply, size)) {
				for (const [markdown, html] of parser.add(chunk).html) offered.set(markdown, html);
				text += chunk.choices[0]?.delta?.content ?? '';
				// What the page draws after this piece: its finished blocks and its open block.
				const { finished, tail } = page.update(text);
				for (const block of tail.trim() ? [...finished, tail] : finished) {
					expect(offered.get(block)).toBe(parseMarkdown(block));
				}
			}
		}
	});

	it('splits a continued reply after the text it continues, and each choice on its own', () => {
		const parser = new ReplyParser('Before\n\n');
		const offered = new Map(
			[...chunks('After\n\nMore', 3, 0), ...chunks('Other\n\nOne', 4, 1)].flatMap(
				(c) => parser.add(c).html
			)
		);
		expect([...offered.keys()]).toEqual(
			expect.arrayContaining(['Before\n', 'After\n', 'More', 'Other\n', 'One'])
		);
	});
});

describe('ReplyParser code', () => {
	const code = 'const a = 1;\n\nconst b = 2;\n';

	it('highlights a finished fence once, under the key the page looks its code element up by', async () => {
		// As in the worker by the time a fence closes: its grammar loaded while it was written.
		const hljs = await highlighterFor(['javascript']);
		const parser = new ReplyParser('');
		const offered: [string, string][] = [];
		for (const chunk of chunks(reply, 7)) offered.push(...parser.add(chunk).code);
		const coloured = hljs.highlight(code, { language: 'javascript', ignoreIllegals: true }).value;
		expect(coloured).toContain('<span class="hljs-keyword">const</span>');
		expect(offered).toEqual([[codeKey('javascript', code), coloured]]);
		// The page's code element holds that text (codeKey reads it from the element).
		expect(parseMarkdown('```js\n' + code + '```')).toContain(
			`<code class="language-js">${code}</code>`
		);
		expect(codeKey('javascript', code)).toBe(codeKey('javascript', code.trimEnd()));
	});

	it('sends code whose grammar was still loading with a later batch, and code it has no grammar for never', async () => {
		const parser = new ReplyParser('');
		const first = parser.add(
			chunks('```python\nprint(1)\n```\n\n```cobol\nMOVE\n```\n\nNext', 1000)[0]!
		);
		expect(first.code).toEqual([]);
		await highlighterFor(['python']);
		const later = parser.add(chunks(' words', 100)[0]!);
		expect(later.code.map(([key]) => key)).toEqual([codeKey('python', 'print(1)')]);
		expect(later.code[0]?.[1]).toContain('hljs-built_in');
		expect(parser.add(chunks(' more', 100)[0]!).code).toEqual([]);
	});

	it('colours the code still waiting for its grammar when the reply ends, once the grammar has loaded', async () => {
		// A reply that arrived in one batch: its grammar only started loading when the fence was seen.
		const parser = new ReplyParser('');
		const all = parser.add(
			chunks('Intro\n\n```ruby\nputs 1\n```\n\n```cobol\nMOVE\n```\n\nEnd', 1000)[0]!
		);
		expect(all.code).toEqual([]);
		const last = await parser.finish();
		expect(last.html).toEqual([]);
		expect(last.code.map(([key]) => key)).toEqual([codeKey('ruby', 'puts 1')]);
		expect(last.code[0]?.[1]).toContain('<span class="hljs-');
		// Nothing is coloured twice, and a reply with nothing waiting ends at once.
		expect((await parser.finish()).code).toEqual([]);
	});
});

describe('parsedHtml', () => {
	it('takes HTML parsed elsewhere, for each block with that Markdown, and parses what was not offered', () => {
		offerParsed([['Hello *there*', '<p>from the worker</p>']]);
		expect(parsedHtml('Hello *there*')).toBe('<p>from the worker</p>');
		// A reply that repeats a block: the worker offered it once.
		expect(parsedHtml('Hello *there*')).toBe('<p>from the worker</p>');
		expect(parsedHtml('Hello *here*')).toBe('<p>Hello <em>here</em></p>\n');
	});

	it('keeps at most two million characters of HTML, the oldest going first', () => {
		const big = 'x'.repeat(600_000);
		offerParsed([
			['first', `<p>${big}</p>`],
			['second', `<p>${big}</p>`],
			['third', `<p>${big}</p>`]
		]);
		expect(parsedHtml('first')).toBe(`<p>${big}</p>`);
		offerParsed([['fourth', `<p>${big}</p>`]]);
		expect(parsedHtml('first')).toBe('<p>first</p>\n');
		expect(parsedHtml('fourth')).toBe(`<p>${big}</p>`);
		expect(parsedHtml('second')).toBe(`<p>${big}</p>`);
	});
});
