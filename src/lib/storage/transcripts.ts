import { del } from 'idb-keyval';
import { transcriptEntrySchema, type TranscriptEntry } from '$lib/model/transcripts';
import { putRecord, readAll } from './records';
import { store } from './stores';

/** Past transcriptions, newest first, and how many stored entries could not be read. */
export async function loadTranscripts(): Promise<{
	entries: TranscriptEntry[];
	unreadable: number;
}> {
	const { items, unreadable } = await readAll(store('transcripts'), transcriptEntrySchema);
	return { entries: items.sort((a, b) => b.createdAt - a.createdAt), unreadable };
}

export async function saveTranscript(entry: TranscriptEntry): Promise<void> {
	await putRecord(store('transcripts'), entry.id, transcriptEntrySchema, entry);
}

export async function deleteTranscript(id: string): Promise<void> {
	await del(id, store('transcripts'));
}
