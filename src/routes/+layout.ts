import { settings } from '$lib/state/settings.svelte';

// A single-page app: no server rendering, every route served by the fallback page.
export const ssr = false;
export const prerender = false;

export const load = async ({ route }) => {
	// The page a Microsoft sign-in window comes back to only hands its answer over.
	if (route.id === '/signed-in') return;
	// Each page uses its own connection (see settings.svelte.ts); the start page goes on to Ask.
	settings.show(route.id?.slice(1) || 'ask');
	await settings.load();
	// Signed in with Microsoft: the sign-in code (and MSAL) loads only when this page's connection does.
	if (settings.current?.auth === 'entra' && settings.current.signIn)
		void import('$lib/state/sign-in.svelte').then(
			(m) => m.restoreSignIn(),
			() => undefined
		);
};
