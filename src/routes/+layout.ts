import { settings } from '$lib/state/settings.svelte';

// A single-page app: no server rendering, every route served by the fallback page.
export const ssr = false;
export const prerender = false;

export const load = async ({ route }) => {
	// The page a Microsoft sign-in window comes back to only hands its answer over.
	if (route.id === '/signed-in') return;
	await settings.load();
	// Signed in with Microsoft: the sign-in code (and MSAL) loads only for such a connection.
	if (settings.current?.auth === 'entra' && settings.current.signIn)
		void import('$lib/state/sign-in.svelte').then(
			(m) => m.restoreSignIn(),
			() => undefined
		);
};
