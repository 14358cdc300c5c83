import { describe, expect, it } from 'vitest';
import { BlockSplitter, splitBlocks } from './blocks';

describe('BlockSplitter', () => {
	it('finishes a paragraph only once the next block has started', () => {
		const splitter = new BlockSplitter();
		expect(splitter.update('Hello').finished).toEqual([]);
		expect(splitter.update('Hello world\n\n').finished).toEqual([]);
		const view = splitter.update('Hello world\n\nNext');
		expect(view.finished).toEqual(['Hello world\n']);
		expect(view.tail).toBe('Next');
	});

	it('says when a text that does not continue the last one starts the split over', () => {
		const splitter = new BlockSplitter();
		splitter.update('One\n\nTwo\n\nThree');
		splitter.update('One\n\nTwo\n\nThree and more');
		expect(splitter.restarts).toBe(0);
		const view = splitter.update('Other\n\nwords\n\nhere\n\nnow');
		expect(splitter.restarts).toBe(1);
		expect(view.finished).toEqual(['Other\n', 'words\n', 'here\n']);
	});

	it('never splits inside a code fence, even at blank lines', () => {
		const text = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
		expect(splitBlocks(text)).toEqual([
			'Intro\n',
			'```js\nconst a = 1;\n\nconst b = 2;\n```\n',
			'After'
		]);
	});

	it('gives the same blocks whether the text arrives at once or token by token', () => {
		const text =
			'# Title\n\nSome *text* here.\n\n- a\n- b\n\n```py\nprint(1)\n\n\nprint(2)\n```\n\n> quote\n\nEnd.';
		const splitter = new BlockSplitter();
		let received = '';
		for (const token of text.match(/\s*\S+|\s+/g) ?? []) {
			received += token;
			splitter.update(received);
		}
		const streamed = splitter.update(text);
		expect([...streamed.finished, streamed.tail]).toEqual(splitBlocks(text));
	});

	it('keeps finished blocks identical (same array items) as more text arrives', () => {
		const splitter = new BlockSplitter();
		const first = splitter.update('A\n\nB\n\nC').finished;
		const second = splitter.update('A\n\nB\n\nC more\n\nD').finished;
		expect(second.slice(0, first.length)).toEqual(first);
		expect(second).toEqual(['A\n', 'B\n', 'C more\n']);
	});

	it('starts over when the text is replaced rather than extended', () => {
		const splitter = new BlockSplitter();
		splitter.update('One\n\nTwo');
		expect(splitter.update('Other\n\nThing').finished).toEqual(['Other\n']);
	});
});
