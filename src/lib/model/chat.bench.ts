import { bench, describe } from 'vitest';
import { isSummary, summarySchema, type ConversationSummary } from './chat';

/** What the Ask page reads as it starts with a thousand stored conversations. */
const summaries: ConversationSummary[] = Array.from({ length: 1000 }, (_, i) => ({
	id: `c${i}`,
	title: `Conversation ${i}`,
	updatedAt: 1_764_000_000_000 - i * 60_000,
	deployment: 'prod-chat',
	count: 6,
	models: { 'prod-chat': 'gpt-4o-2024-11-20' }
}));

describe('checking 1,000 stored summaries', () => {
	bench('summarySchema.safeParse', () => {
		for (const summary of summaries) summarySchema.safeParse(summary);
	});
	bench('isSummary', () => {
		for (const summary of summaries) isSummary(summary);
	});
});
