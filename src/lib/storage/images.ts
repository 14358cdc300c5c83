import { clear, del } from 'idb-keyval';
import { generationSchema, type Generation } from '$lib/model/images';
import { putRecord, readAll } from './records';
import { store } from './stores';

/** The gallery, newest first; entries that do not parse are left in place and counted. */
export async function loadGallery(): Promise<{ generations: Generation[]; unreadable: number }> {
	const { items, unreadable } = await readAll(store('images'), generationSchema);
	return { generations: items.sort((a, b) => b.createdAt - a.createdAt), unreadable };
}

/** Saves one generation; a full disk throws (QuotaExceededError) and leaves the gallery as it was. */
export async function saveGeneration(generation: Generation): Promise<void> {
	await putRecord(store('images'), generation.id, generationSchema, generation);
}

export async function deleteGeneration(id: string): Promise<void> {
	await del(id, store('images'));
}

export async function clearGallery(): Promise<void> {
	await clear(store('images'));
}
