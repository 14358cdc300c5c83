import { z } from '$lib/zod';

/**
 * What a deployment costs, in one currency: per million tokens for chat (input, cached input,
 * output), per picture, per audio minute. Any of them may be missing; a cost is shown only from
 * those set (cached input tokens cost the input price where no cached-input price is set).
 */
export const priceSchema = z.strictObject({
	input: z.optional(z.number().check(z.nonnegative())),
	cachedInput: z.optional(z.number().check(z.nonnegative())),
	output: z.optional(z.number().check(z.nonnegative())),
	image: z.optional(z.number().check(z.nonnegative())),
	audioMinute: z.optional(z.number().check(z.nonnegative()))
});
export type Price = z.infer<typeof priceSchema>;
export type PriceKey = keyof Price;

/** The prices a person set on this device, per deployment name (they win over the team's). */
export const pricesSchema = z.object({
	currency: z.optional(z.string().check(z.maxLength(8))),
	prices: z.record(z.string(), priceSchema)
});
export type Prices = z.infer<typeof pricesSchema>;
