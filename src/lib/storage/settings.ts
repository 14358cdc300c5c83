import { get, set } from 'idb-keyval';
import { z } from '$lib/zod';
import { API_VERSIONS, AUTH_KINDS } from '$lib/azure/connection';
import { store } from './stores';

const KEY = 'connection';

export const storedSettingsSchema = z.object({
	version: z.literal(1),
	endpoint: z.string(),
	auth: z.enum(AUTH_KINDS),
	apiVersion: z.enum(API_VERSIONS),
	rememberToken: z.boolean(),
	/** Present only when the person chose to remember it on this device. */
	token: z.optional(z.string())
});
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

export type LoadedSettings =
	{ ok: true; value: StoredSettings | undefined } | { ok: false; error: string };

/** Reads the saved connection; a stored value that does not parse is reported, not dropped. */
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
		const issue = parsed.error.issues[0];
		return {
			ok: false,
			error: `The saved settings could not be read (${issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'unknown shape'}). Enter the connection again and save to replace them.`
		};
	}
	return { ok: true, value: parsed.data };
}

/** Saves the connection; the token is written only when it is to be remembered. */
export async function saveSettings(settings: StoredSettings): Promise<void> {
	const { token, ...rest } = settings;
	await set(KEY, settings.rememberToken ? { ...rest, token } : rest, store('settings'));
}
