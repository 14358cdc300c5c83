import { describe, expect, it } from 'vitest';
import type { ChatChunk } from '$lib/azure/sse';
import { BlockSplitter } from './blocks';
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
				for (const [markdown, html] of parser.add(chunk)) offered.set(markdown, html);
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
			[...chunks('After\n\nMore', 3, 0), ...chunks('Other\n\nOne', 4, 1)].flatMap((c) =>
				parser.add(c)
			)
		);
		expect([...offered.keys()]).toEqual(
			expect.arrayContaining(['Before\n', 'After\n', 'More', 'Other\n', 'One'])
		);
	});
});

describe('parsedHtml', () => {
	it('takes HTML parsed elsewhere once, and parses what was not offered', () => {
		offerParsed([['Hello *there*', '<p>from the worker</p>']]);
		expect(parsedHtml('Hello *there*')).toBe('<p>from the worker</p>');
		expect(parsedHtml('Hello *there*')).toBe('<p>Hello <em>there</em></p>\n');
	});
});
