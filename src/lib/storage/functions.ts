import { get, set } from 'idb-keyval';
import { z } from '$lib/zod';
import type { FunctionDefinition } from '$lib/azure/chat';
import { store } from './stores';

const librarySchema = z.array(
	z.object({
		name: z.string(),
		description: z.optional(z.string()),
		parameters: z.record(z.string(), z.unknown())
	})
);

/** The user's own function definitions (built-ins are not stored). */
export async function loadFunctions(): Promise<FunctionDefinition[]> {
	const parsed = librarySchema.safeParse(await get('library', store('functions')));
	return parsed.success ? parsed.data : [];
}

export async function saveFunctions(library: FunctionDefinition[]): Promise<void> {
	await set('library', JSON.parse(JSON.stringify(library)), store('functions'));
}
