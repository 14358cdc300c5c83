import { transcriptEntrySchema } from '$lib/model/transcripts';
import { collection } from './records';
import { store } from './stores';

/** Past transcriptions, newest first, with the audio where the user kept it. */
export const transcripts = collection(
	store('transcripts'),
	transcriptEntrySchema,
	(t) => t.createdAt
);
