import { del, entries, set } from 'idb-keyval';
import { z } from '$lib/zod';
import { store } from './stores';

const cueSchema = z.object({ start: z.number(), end: z.number(), text: z.string() });

export const transcriptEntrySchema = z.object({
	id: z.string(),
	createdAt: z.number(),
	fileName: z.string(),
	size: z.number(),
	deployment: z.string(),
	options: z.object({
		format: z.enum(['json', 'text', 'srt', 'verbose_json', 'vtt']),
		language: z.string(),
		prompt: z.string(),
		temperature: z.string(),
		granularities: z.array(z.enum(['word', 'segment']))
	}),
	transcript: z.object({
		format: z.enum(['json', 'text', 'srt', 'verbose_json', 'vtt']),
		text: z.string(),
		raw: z.string(),
		language: z.optional(z.string()),
		duration: z.optional(z.number()),
		cues: z.optional(z.array(cueSchema)),
		words: z.optional(z.array(cueSchema))
	}),
	/** The recording itself, only when the user chose to keep it. */
	audio: z.optional(z.custom<Blob>((value) => value instanceof Blob))
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** Past transcriptions, newest first. */
export async function loadTranscripts(): Promise<TranscriptEntry[]> {
	const list: TranscriptEntry[] = [];
	for (const [, value] of await entries(store('transcripts'))) {
		const parsed = transcriptEntrySchema.safeParse(value);
		if (parsed.success) list.push(parsed.data);
	}
	return list.sort((a, b) => b.createdAt - a.createdAt);
}

export async function saveTranscript(entry: TranscriptEntry): Promise<void> {
	await set(entry.id, entry, store('transcripts'));
}

export async function deleteTranscript(id: string): Promise<void> {
	await del(id, store('transcripts'));
}
