import { get } from 'idb-keyval';
import type { z } from '$lib/zod';
import { putRecord } from './records';
import { store } from './stores';

/** A page's last choices (deployment, options), or undefined when none were kept or they no longer parse. */
export async function loadPrefs<S extends z.ZodMiniType>(
	page: string,
	schema: S
): Promise<z.output<S> | undefined> {
	const parsed = schema.safeParse(await get(page, store('prefs')));
	return parsed.success ? parsed.data : undefined;
}

export async function savePrefs<S extends z.ZodMiniType>(
	page: string,
	schema: S,
	value: z.input<S>
): Promise<void> {
	await putRecord(store('prefs'), page, schema, value);
}
