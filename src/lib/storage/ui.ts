import { uiPrefsSchema, type UiPrefs } from '$lib/model/ui';

const KEY = 'cerulean-ui';

/**
 * The look-and-feel choices, in localStorage: they must be there before the first paint (no flash
 * of the wrong theme), and they hold nothing private.
 */
export function loadUiPrefs(): UiPrefs {
	let raw: unknown;
	try {
		raw = JSON.parse(localStorage.getItem(KEY) ?? '{}');
	} catch {
		raw = {};
	}
	const parsed = uiPrefsSchema.safeParse(raw);
	return parsed.success ? parsed.data : uiPrefsSchema.parse({});
}

/** Keeps the choices; a browser that refuses storage just forgets them. */
export function saveUiPrefs(prefs: UiPrefs): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(prefs));
	} catch {
		// Storage refused (private mode, full): the choices last for this visit only.
	}
}
