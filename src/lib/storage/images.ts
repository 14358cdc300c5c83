import { clear, del, entries, set } from 'idb-keyval';
import { z } from '$lib/zod';
import { store } from './stores';

const filterSchema = z.optional(
	z.record(
		z.string(),
		z.object({
			filtered: z.boolean(),
			severity: z.optional(z.string()),
			detected: z.optional(z.boolean())
		})
	)
);

const storedImageSchema = z.object({
	/** The picture itself: Azure's URLs expire after 24 hours, so the gallery keeps bytes. */
	blob: z.optional(z.custom<Blob>((value) => value instanceof Blob)),
	/** Kept only when the bytes could not be fetched (the host refused a cross-origin download). */
	url: z.optional(z.string()),
	expiresAt: z.optional(z.number()),
	revisedPrompt: z.optional(z.string()),
	filter: filterSchema,
	promptFilter: filterSchema
});
export type StoredImage = z.infer<typeof storedImageSchema>;

export const generationSchema = z.object({
	id: z.string(),
	createdAt: z.number(),
	deployment: z.string(),
	family: z.enum(['dall-e-3', 'gpt-image-1']),
	/** The form as sent, so a past prompt can be reused with its settings. */
	form: z.object({
		prompt: z.string(),
		size: z.string(),
		n: z.number(),
		quality: z.string(),
		style: z.string(),
		responseFormat: z.string(),
		outputFormat: z.enum(['', 'png', 'jpeg']),
		outputCompression: z.string(),
		background: z.enum(['', 'transparent', 'opaque', 'auto']),
		user: z.string()
	}),
	images: z.array(storedImageSchema),
	usage: z.optional(z.object({ total: z.optional(z.number()) }))
});
export type Generation = z.infer<typeof generationSchema>;

/** The gallery, newest first; entries that do not parse are left in place and counted. */
export async function loadGallery(): Promise<{ generations: Generation[]; unreadable: number }> {
	const generations: Generation[] = [];
	let unreadable = 0;
	for (const [, value] of await entries(store('images'))) {
		const parsed = generationSchema.safeParse(value);
		if (parsed.success) generations.push(parsed.data);
		else unreadable++;
	}
	generations.sort((a, b) => b.createdAt - a.createdAt);
	return { generations, unreadable };
}

/** Saves one generation; a full disk throws (QuotaExceededError) and leaves the gallery as it was. */
export async function saveGeneration(generation: Generation): Promise<void> {
	await set(generation.id, generation, store('images'));
}

export async function deleteGeneration(id: string): Promise<void> {
	await del(id, store('images'));
}

export async function clearGallery(): Promise<void> {
	await clear(store('images'));
}
