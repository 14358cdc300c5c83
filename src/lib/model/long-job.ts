import { z } from '$lib/zod';
import { transcriptionSent, transcriptSchema } from './transcripts';

/**
 * A recording sent in parts, kept as each part's transcript arrives, so a stop, a failure or a
 * closed tab goes on from the first part not done. The parts' audio is kept beside it.
 */
export const longJobSchema = z.object({
	...transcriptionSent,
	translate: z.boolean(),
	/** Seconds of audio in all, and where each part starts and ends. */
	duration: z.number(),
	parts: z.array(z.object({ start: z.number(), end: z.number() })),
	/** The transcripts of the parts done, in order. */
	done: z.array(transcriptSchema),
	preparedMs: z.number()
});
export type LongJob = z.infer<typeof longJobSchema>;
