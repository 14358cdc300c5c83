import { pricesSchema, type Price, type Prices } from '$lib/model/prices';
import { loadPrefs, savePrefs } from '$lib/storage/prefs';
import { loadTeamConfig, team } from './team-config.svelte';

/** The prices set on this device (Settings → Prices), once read. */
export const ownPrices = $state<{ saved?: Prices }>({});

let reading: Promise<void> | undefined;

/** Reads the prices set here and the team's (cerulean.config.json), once per page. */
export function loadPrices(): Promise<void> {
	reading ??= Promise.all([
		loadPrefs('prices', pricesSchema).then(
			(saved) => void (ownPrices.saved = saved),
			() => undefined
		),
		loadTeamConfig()
	]).then(() => undefined);
	return reading;
}

/** Keeps the prices set here, in place of the last ones. */
export async function savePrices(prices: Prices): Promise<void> {
	await savePrefs('prices', pricesSchema, prices);
	ownPrices.saved = prices;
}

/** After Clear all data: the prices set here are gone (the team's remain). */
export function forgetPrices(): void {
	ownPrices.saved = undefined;
	reading = undefined;
}

/**
 * What a deployment costs, where someone set it: on this device first, else in the team's
 * cerulean.config.json. Never guessed or fetched, so a deployment without a price shows no cost.
 */
export function priceFor(deployment: string | undefined): { price?: Price; currency?: string } {
	const key = deployment?.trim() ?? '';
	const price = (key && ownPrices.saved?.prices[key]) || (key && team.config?.prices?.[key]);
	const currency = ownPrices.saved?.currency || team.config?.currency;
	return { ...(price ? { price } : {}), ...(currency ? { currency } : {}) };
}
