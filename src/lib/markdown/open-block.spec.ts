import { describe, expect, it } from 'vitest';
import { itemsOf } from './open-block';
import { parseMarkdown } from './parse';

const table = '| id | name |\n|---:|:---|\n| 1 | **one** |\n| 2 | `two` |\n| 3 | th';
const list = '- first\n- second, with\n  a second line\n  - and an entry of its own\n- thi';

/** The items' HTML as marked makes it, without the table or list around them. */
function inner(html: string): string {
	return html
		.replace(/^<table>\n<thead>[\s\S]*<\/thead>\n(<tbody>)?/, '')
		.replace(/(<\/tbody>)?<\/table>\n$/, '')
		.replace(/^<(ul|ol( start="\d+")?)>\n/, '')
		.replace(/<\/(ul|ol)>\n$/, '');
}

describe('itemsOf', () => {
	it('splits a table being written into its head and rows', () => {
		expect(itemsOf(`${table}\n`)).toEqual({
			head: '| id | name |\n|---:|:---|',
			items: ['| 1 | **one** |', '| 2 | `two` |', '| 3 | th'],
			container: 'TABLE',
			kind: '|'
		});
	});

	it('splits a list into its entries, each with its indented lines', () => {
		expect(itemsOf(list)).toEqual({
			head: '',
			items: ['- first', '- second, with\n  a second line\n  - and an entry of its own', '- thi'],
			container: 'UL',
			kind: '-'
		});
		expect(itemsOf('1. one\n2. two\n3) three')).toBeUndefined();
		expect(itemsOf('1. one\n2. two')?.container).toBe('OL');
	});

	it('draws rows and entries apart exactly as they are drawn together', () => {
		for (const markdown of [table, list, '3. three\n4. four\n   more of four\n5. five']) {
			const parts = itemsOf(markdown);
			if (!parts) throw new Error(`not split: ${markdown}`);
			const join = (items: string[]) =>
				parts.head ? `${parts.head}\n${items.join('\n')}` : items.join('\n');
			const whole = inner(parseMarkdown(join(parts.items)));
			expect(whole).toMatch(/^<(tr|li)>/);
			for (let from = 1; from < parts.items.length; from++) {
				const apart =
					inner(parseMarkdown(join(parts.items.slice(0, from)))) +
					inner(parseMarkdown(join(parts.items.slice(from))));
				expect(apart).toBe(whole);
			}
		}
	});

	it('leaves whole what is not one table or one list', () => {
		for (const markdown of [
			'A paragraph\nof two lines',
			'| a | b |\n|---|---|\n| 1 | 2 |\n> a quote | after',
			'| a | b |\n|---|---|\n| 1 | 2 |\n\n',
			'- one\n* two',
			'- one\n- - -',
			'- one\nlazy line',
			'- one\n\n  after a blank line',
			'Intro\n- one\n- two'
		]) {
			expect(itemsOf(markdown), markdown).toBeUndefined();
		}
	});
});
