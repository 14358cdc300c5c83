import { settings } from '$lib/state/settings.svelte';

// A single-page app: no server rendering, every route served by the fallback page.
export const ssr = false;
export const prerender = false;

export const load = async () => {
	await settings.load();
};
