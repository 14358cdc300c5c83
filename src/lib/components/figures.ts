import type { Generation } from '$lib/model/images';
import type { TranscriptEntry } from '$lib/model/transcripts';
import { priceFor } from '$lib/state/prices.svelte';

/** A duration in seconds, to two decimals under ten seconds and one above. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** An amount of money, in the currency named (an ISO code gets its symbol) or none. */
export function money(amount: number, currency?: string): string {
	const digits = { maximumSignificantDigits: 2 } as const;
	try {
		if (currency) {
			return new Intl.NumberFormat(undefined, { ...digits, style: 'currency', currency }).format(
				amount
			);
		}
	} catch {
		// Not an ISO 4217 code: written after the number.
	}
	const number = new Intl.NumberFormat(undefined, digits).format(amount);
	return currency ? `${number} ${currency}` : number;
}

/** What a batch of pictures took, its tokens, and its cost where the deployment has a picture price. */
export function generationFigures(generation: Generation | undefined): string[] {
	if (!generation) return [];
	const figures: string[] = [];
	if (generation.durationMs !== undefined) figures.push(`Took ${seconds(generation.durationMs)}`);
	if (generation.usage?.total) figures.push(`Tokens: ${generation.usage.total}`);
	const { price, currency } = priceFor(generation.deployment);
	if (price?.image !== undefined && generation.images.length) {
		figures.push(`Cost ≈ ${money(price.image * generation.images.length, currency)}`);
	}
	return figures;
}

/** How long a transcript took, and its cost where the deployment has a price per audio minute. */
export function transcriptFigures(entry: TranscriptEntry): string[] {
	const figures: string[] = [];
	if (entry.translated) figures.push('translated to English');
	if (entry.parts !== undefined) {
		figures.push(entry.parts === 1 ? 'sound track only' : `sent in ${entry.parts} parts`);
	}
	if (entry.preparedMs !== undefined) figures.push(`prepared in ${seconds(entry.preparedMs)}`);
	if (entry.durationMs !== undefined) {
		figures.push(
			`${entry.translated ? 'translated' : 'transcribed'} in ${seconds(entry.durationMs)}`
		);
	}
	const { price, currency } = priceFor(entry.deployment);
	const minutes = (entry.audioSeconds ?? entry.transcript.duration ?? NaN) / 60;
	if (price?.audioMinute !== undefined && minutes >= 0) {
		figures.push(`cost ≈ ${money(price.audioMinute * minutes, currency)}`);
	}
	return figures;
}
