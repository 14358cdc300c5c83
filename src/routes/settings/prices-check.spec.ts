import { describe, expect, it } from 'vitest';
import { checkPrices, rowsOf, type PriceRow } from './prices-check';

const row = (deployment: string, prices: Partial<PriceRow> = {}): PriceRow => ({
	deployment,
	input: '',
	cachedInput: '',
	output: '',
	image: '',
	audioMinute: '',
	...prices
});

describe('checkPrices', () => {
	it('keeps the prices set, as numbers, per deployment, with the currency', () => {
		expect(
			checkPrices(
				[
					row(' gpt-4o ', { input: '2.5', cachedInput: '1.25', output: '10' }),
					row('dall-e-3', { image: '0,04' })
				],
				'EUR'
			)
		).toEqual({
			prices: {
				currency: 'EUR',
				prices: {
					'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
					'dall-e-3': { image: 0.04 }
				}
			},
			errors: {}
		});
		expect(checkPrices([], ' ')).toEqual({ prices: { prices: {} }, errors: {} });
	});

	it('says what is wrong with each row, and keeps nothing', () => {
		const checked = checkPrices(
			[
				row(''),
				row('gpt-4o', { input: '-1' }),
				row('whisper'),
				row('chat', { output: 'ten' }),
				row('ok', { input: '1' }),
				row('ok', { input: '2' })
			],
			'USD'
		);
		expect(checked.prices).toBeUndefined();
		expect(checked.errors).toEqual({
			0: 'Enter the deployment name these prices are for.',
			1: 'Input per million tokens: enter a number of zero or more, such as 2.5.',
			2: 'Enter at least one price for whisper, or remove the row.',
			3: 'Output per million tokens: enter a number of zero or more, such as 2.5.',
			5: 'ok has prices above already: keep one row for it.'
		});
	});

	it('gives saved prices back as rows to edit', () => {
		expect(rowsOf({ 'gpt-4o': { input: 2.5, output: 10 } })).toEqual([
			row('gpt-4o', { input: '2.5', output: '10' })
		]);
	});
});
