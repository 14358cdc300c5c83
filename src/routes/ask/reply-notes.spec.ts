import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '$lib/model/chat';
import { money } from '$lib/components/figures';
import { replyCost, replyFigures } from './reply-notes';

const reply: ChatMessage = {
	id: 'a',
	role: 'assistant',
	content: 'Hi',
	createdAt: 0,
	usage: { promptTokens: 1000, completionTokens: 200, totalTokens: 1200 },
	timing: { firstTokenMs: 450, totalMs: 2450 }
};

describe('replyFigures', () => {
	it('says the tokens, the first token, the rate over the writing time and the whole time', () => {
		expect(replyFigures(reply)).toEqual([
			'Tokens: 1000 prompt + 200 completion = 1200',
			'First token 0.45 s',
			'100 tokens/s',
			'2.45 s in all'
		]);
	});

	it('adds the cost only where both prices are set', () => {
		const price = { input: 2.5, output: 10 };
		expect(replyCost(reply.usage, price)).toBeCloseTo(0.0045);
		expect(replyFigures(reply, price, 'USD').at(-1)).toBe('Cost ≈ $0.0045');
		expect(replyFigures(reply, { input: 2.5 }, 'USD').join()).not.toContain('Cost');
		expect(replyFigures(reply, undefined).join()).not.toContain('Cost');
	});

	it('charges cached prompt tokens at the cached-input price, or the input price without one', () => {
		const cachedReply = {
			...reply,
			usage: { promptTokens: 2048, completionTokens: 100, totalTokens: 2148, cachedTokens: 1920 }
		};
		expect(replyFigures(cachedReply)[0]).toBe(
			'Tokens: 2048 prompt (1920 cached) + 100 completion = 2148'
		);
		// 128 at 2.50, 1,920 at 1.25, 100 at 10 per million.
		expect(replyCost(cachedReply.usage, { input: 2.5, cachedInput: 1.25, output: 10 })).toBeCloseTo(
			(128 * 2.5 + 1920 * 1.25 + 100 * 10) / 1e6
		);
		expect(replyCost(cachedReply.usage, { input: 2.5, output: 10 })).toBeCloseTo(
			(2048 * 2.5 + 100 * 10) / 1e6
		);
	});

	it('leaves out a rate it cannot know, and figures a reply does not have', () => {
		const oneBurst = { ...reply, timing: { firstTokenMs: 300, totalMs: 300 } };
		expect(replyFigures(oneBurst).join()).not.toContain('tokens/s');
		expect(replyFigures({ ...reply, usage: undefined, timing: undefined })).toEqual([]);
	});
});

describe('money', () => {
	it('uses the currency code it is given, or writes the currency after the number', () => {
		expect(money(0.0123, 'EUR')).toMatch(/€/);
		expect(money(1.5, 'credits')).toBe('1.5 credits');
		expect(money(1.5)).toBe('1.5');
	});
});
