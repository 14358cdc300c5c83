import { z } from '$lib/zod';

/**
 * A form field's text as kept (a number field too: it is edited as text), or a number from an
 * older version that stored number fields as numbers.
 */
export const fieldText = z.pipe(
	z.union([z.string(), z.number(), z.null()]),
	z.transform((v) => (v == null ? '' : String(v)))
);
