import { get } from 'idb-keyval';
import { functionLibrarySchema, type FunctionDefinition } from '$lib/model/chat';
import { putRecord } from './records';
import { store } from './stores';

/** The user's own function definitions (built-ins are not stored). */
export async function loadFunctions(): Promise<FunctionDefinition[]> {
	const parsed = functionLibrarySchema.safeParse(await get('library', store('functions')));
	return parsed.success ? parsed.data : [];
}

export async function saveFunctions(library: FunctionDefinition[]): Promise<void> {
	await putRecord(store('functions'), 'library', functionLibrarySchema, library);
}
