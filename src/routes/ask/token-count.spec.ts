import { describe, expect, it } from 'vitest';
import { encodingFor } from './token-count.svelte';

describe('encodingFor', () => {
	it('reads gpt-35-turbo and gpt-4 with cl100k, and the newer models with o200k', () => {
		for (const model of [
			'gpt-35-turbo',
			'gpt-3.5-turbo-0125',
			'gpt-4',
			'gpt-4-32k',
			'gpt-4-turbo-2024-04-09'
		])
			expect(encodingFor(model)).toBe('cl100k_base');
		for (const model of [
			'gpt-4o-2024-08-06',
			'gpt-4o-mini',
			'gpt-4.1',
			'gpt-5-mini',
			'o4-mini',
			'chat'
		])
			expect(encodingFor(model)).toBe('o200k_base');
	});
});
