import { get } from 'idb-keyval';
import { storedSettingsSchema, type StoredSettings } from '$lib/model/settings';
import { issueAt } from '$lib/zod';
import { putRecord } from './records';
import { store } from './stores';

/** The saved connections, one record (see migrations.ts for how the single `connection` moved here). */
const KEY = 'connections';

export type LoadedSettings =
	{ ok: true; value: StoredSettings | undefined } | { ok: false; error: string };

/** Reads the saved connections; a stored value that does not parse is reported, not dropped. */
export async function loadSettings(): Promise<LoadedSettings> {
	let raw: unknown;
	try {
		raw = await get(KEY, store('settings'));
	} catch (error) {
		return {
			ok: false,
			error: `This browser would not open its storage (${error instanceof Error ? error.message : String(error)}). Private windows and some privacy settings block IndexedDB.`
		};
	}
	if (raw === undefined) return { ok: true, value: undefined };
	const parsed = storedSettingsSchema.safeParse(raw);
	if (!parsed.success) {
		return {
			ok: false,
			error: `The saved settings could not be read (${issueAt(parsed.error.issues[0])}). Enter the connection again and save to replace them.`
		};
	}
	return { ok: true, value: parsed.data };
}

/** Saves the connections; a token is written only when it is to be remembered. */
export async function saveSettings(settings: StoredSettings): Promise<void> {
	const connections = settings.connections.map(({ token, ...rest }) =>
		rest.rememberToken ? { ...rest, token } : rest
	);
	await putRecord(store('settings'), KEY, storedSettingsSchema, { ...settings, connections });
}
