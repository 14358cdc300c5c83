import { settings } from '$lib/state/settings.svelte';

/**
 * Before the first page is drawn: narrows the page's policy to the saved endpoint, unless the page
 * is Settings (which shows nothing from the service, and must be able to test a new endpoint).
 */
export async function init(): Promise<void> {
	if (/\/settings\/?$/.test(location.pathname)) return;
	await settings.load();
	settings.narrow();
}
