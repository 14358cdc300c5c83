import { z } from '$lib/zod';
import { messageSchema } from './chat';

// What Compare keeps: one system message and one message, sent to two to four deployments at once.

/** The fewest and the most columns a comparison has. */
export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 4;

export const compareColumnSchema = z.object({
	id: z.string().check(z.minLength(1)),
	/** The deployment the column asks, as typed. */
	deployment: z.string(),
	/** The saved connection it asks through; absent, the one the page uses. */
	connectionId: z.optional(z.string()),
	/** Its reply, as far as it came. */
	reply: z.optional(messageSchema)
});
export type CompareColumn = z.infer<typeof compareColumnSchema>;

export const compareRunSchema = z.object({
	id: z.string().check(z.minLength(1)),
	title: z.string(),
	createdAt: z.number(),
	updatedAt: z.number(),
	systemMessage: z.string(),
	message: z.string(),
	columns: z.array(compareColumnSchema).check(z.minLength(1), z.maxLength(MAX_COLUMNS))
});
/** One comparison: what was sent, and what each deployment answered. */
export type CompareRun = z.infer<typeof compareRunSchema>;
