import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { settings } from '$lib/state/settings.svelte';

// The start page sends a first-time user to Settings and a configured one to Ask.
export const load = async ({ parent }) => {
	await parent();
	redirect(307, settings.connection ? resolve('/ask') : resolve('/settings'));
};
