import { describe, expect, it } from 'vitest';
import { isSummary, summarySchema } from './chat';

describe('isSummary', () => {
	const summary = {
		id: 'c1',
		title: 'Trip plans',
		updatedAt: 1_700_000_000_000,
		deployment: 'prod-chat',
		count: 4,
		models: { 'prod-chat': 'gpt-4o-2024-11-20' }
	};
	const values: unknown[] = [
		summary,
		{ ...summary, models: {} },
		{ ...summary, deployment: '', title: '' },
		{ ...summary, extra: true },
		{ ...summary, id: '' },
		{ ...summary, id: 7 },
		{ ...summary, title: undefined },
		{ ...summary, updatedAt: '2026-11-29' },
		{ ...summary, updatedAt: Number.NaN },
		{ ...summary, updatedAt: Number.POSITIVE_INFINITY },
		{ ...summary, count: null },
		{ ...summary, deployment: undefined },
		{ ...summary, models: undefined },
		{ ...summary, models: ['gpt-4o'] },
		{ ...summary, models: { 'prod-chat': 4 } },
		{ ...summary, models: null },
		[summary],
		null,
		'c1',
		undefined
	];

	it('gives summarySchema’s answer for every value, kept or torn', () => {
		const answers = values.map((value) => isSummary(value));
		expect(answers).toEqual(values.map((value) => summarySchema.safeParse(value).success));
		// Both kinds are in the list.
		expect(answers.filter(Boolean)).toHaveLength(4);
	});
});
