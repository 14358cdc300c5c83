import type { Price, PriceKey, Prices } from '$lib/model/prices';

/** One row of the Prices form, as typed. */
export type PriceRow = { deployment: string } & Record<PriceKey, string>;

export const PRICE_FIELDS: readonly { key: PriceKey; label: string }[] = [
	{ key: 'input', label: 'Input per million tokens' },
	{ key: 'cachedInput', label: 'Cached input per million tokens' },
	{ key: 'output', label: 'Output per million tokens' },
	{ key: 'image', label: 'Per picture' },
	{ key: 'audioMinute', label: 'Per audio minute' }
];

/** The rows for saved prices (a deployment each), to edit. */
export function rowsOf(prices: Prices['prices'] | undefined): PriceRow[] {
	return Object.entries(prices ?? {}).map(([deployment, price]) => ({
		deployment,
		...(Object.fromEntries(
			PRICE_FIELDS.map(({ key }) => [key, price[key] === undefined ? '' : String(price[key])])
		) as Record<PriceKey, string>)
	}));
}

/**
 * The Prices form checked: each row names a deployment once, and sets at least one price, each a
 * number of zero or more. `errors` are per row, in words, to show beside it.
 */
export function checkPrices(
	rows: readonly PriceRow[],
	currency: string
): { prices?: Prices; errors: Record<number, string> } {
	const errors: Record<number, string> = {};
	const prices: Prices['prices'] = {};
	rows.forEach((row, index) => {
		const deployment = row.deployment.trim();
		if (!deployment)
			return void (errors[index] = 'Enter the deployment name these prices are for.');
		if (deployment in prices)
			return void (errors[index] = `${deployment} has prices above already: keep one row for it.`);
		const price: Price = {};
		for (const { key, label } of PRICE_FIELDS) {
			const text = row[key].trim().replace(',', '.');
			if (!text) continue;
			const value = Number(text);
			if (!Number.isFinite(value) || value < 0)
				return void (errors[index] = `${label}: enter a number of zero or more, such as 2.5.`);
			price[key] = value;
		}
		if (!Object.keys(price).length)
			return void (errors[index] =
				`Enter at least one price for ${deployment}, or remove the row.`);
		prices[deployment] = price;
	});
	if (Object.keys(errors).length) return { errors };
	const code = currency.trim();
	return { prices: { ...(code ? { currency: code } : {}), prices }, errors };
}
