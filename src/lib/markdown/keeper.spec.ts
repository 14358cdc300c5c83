import { describe, expect, it } from 'vitest';
import { keep, keyOf, lookup, type HtmlStore } from './keeper';

/** A store in memory that records what it was asked. */
function memoryStore(): HtmlStore & { reads: string[][]; kept: Map<string, string[]> } {
	const kept = new Map<string, string[]>();
	const reads: string[][] = [];
	return {
		kept,
		reads,
		read: async (keys) => {
			reads.push(keys);
			return keys.map((k) => kept.get(k));
		},
		write: async (entries) => {
			for (const [k, v] of entries) kept.set(k, v);
		}
	};
}

describe('kept HTML', () => {
	it('keys a text by its conversation and its exact content', () => {
		const store = memoryStore();
		const a = keyOf({ store, scope: 'c1' }, 'Hello **world**');
		expect(keyOf({ store, scope: 'c1' }, 'Hello **world**')).toBe(a);
		expect(keyOf({ store, scope: 'c2' }, 'Hello **world**')).not.toBe(a);
		expect(keyOf({ store, scope: 'c1' }, 'Hello **world!**')).not.toBe(a);
		expect(keyOf({ store, scope: 'c1' }, 'Hello **worle**')).not.toBe(a);
		// Deleting a conversation deletes a key range that starts with its id.
		expect(a.startsWith('c1\u0000')).toBe(true);
	});

	it('reads what was asked for in one turn with one request, and keeps writes for later', async () => {
		const store = memoryStore();
		const keys = ['k1', 'k2', 'k3'];
		keep(store, 'k2', ['<p>two</p>']);
		await new Promise((r) => setTimeout(r, 600));
		const found = await Promise.all(keys.map((k) => lookup(store, k)));
		expect(found).toEqual([undefined, ['<p>two</p>'], undefined]);
		expect(store.reads).toEqual([keys]);
	});

	it('reads as nothing kept when storage fails', async () => {
		const failing: HtmlStore = {
			read: () => Promise.reject(new Error('QuotaExceededError')),
			write: () => Promise.reject(new Error('QuotaExceededError'))
		};
		keep(failing, 'k', ['<p>x</p>']);
		expect(await lookup(failing, 'k')).toBeUndefined();
	});
});
