// The page's second Content Security Policy, narrowed to the saved endpoint.
//
// The policy built into the page (svelte.config.js) must let a fresh page reach any Azure
// endpoint, since it is written before anyone has typed one. Once the endpoint is known, this adds
// a second policy as a <meta> element. A browser enforces every policy a page has, so the page can
// then reach only its own origin, the endpoint and the hosts Azure serves pictures from: a script
// that got in through some flaw could read the token, but not send it anywhere. A policy can be
// added but never loosened, so it is added once; a new endpoint origin takes a reload.
// See https://www.w3.org/TR/CSP3/#meta-element and the README's Security section.

/** Where dall-e-3 links its pictures (Azure Blob Storage hosts of the image service). */
export const PICTURE_HOSTS = [
	'https://dalleprodsec.blob.core.windows.net',
	'https://dalleproduse.blob.core.windows.net'
] as const;

let narrowedTo: string | undefined;

/** The origin of an endpoint, or undefined when it is not a URL. */
export function originOf(endpoint: string | undefined): string | undefined {
	if (!endpoint) return undefined;
	try {
		return new URL(endpoint).origin;
	} catch {
		return undefined;
	}
}

/**
 * The narrowed policy's text for an endpoint origin (none: the page's own origin only), and the
 * origin a Microsoft sign-in renews its token at, if the connection signs in.
 */
export function narrowedPolicy(origin: string | undefined, signIn?: string): string {
	const hosts = [origin, ...PICTURE_HOSTS].filter(Boolean).join(' ');
	return [
		`connect-src 'self' ${[hosts, signIn].filter(Boolean).join(' ')}`,
		`img-src 'self' data: blob: ${hosts}`,
		"media-src 'self' data: blob:",
		"form-action 'none'"
	].join('; ');
}

/**
 * Adds the narrowed policy for the endpoint, once per page. Also refuses navigations of this page
 * to another site that no person started (a script setting `location`), where the browser offers
 * a way to: CSP has no directive for navigation.
 */
export function narrowPolicy(endpoint: string | undefined, signIn?: string): void {
	if (narrowedTo !== undefined || typeof document === 'undefined') return;
	const origin = originOf(endpoint);
	const signInOrigin = originOf(signIn);
	narrowedTo = origin ?? '';
	const meta = document.createElement('meta');
	meta.httpEquiv = 'Content-Security-Policy';
	meta.content = narrowedPolicy(origin, signInOrigin);
	document.head.append(meta);
	guardNavigation(signInOrigin);
}

/** Whether this page may still reach `endpoint` (always, before the policy is narrowed). */
export function mayReach(endpoint: string): boolean {
	return narrowedTo === undefined || originOf(endpoint) === (narrowedTo || undefined);
}

interface NavigateEvent extends Event {
	readonly userInitiated: boolean;
	readonly cancelable: boolean;
	readonly destination: { readonly url: string };
}

/** Signing in may take this tab to the sign-in host (when a pop-up is blocked). */
function guardNavigation(signIn: string | undefined): void {
	const navigation = (globalThis as { navigation?: EventTarget }).navigation;
	navigation?.addEventListener('navigate', (event) => {
		const navigate = event as NavigateEvent;
		const to = originOf(navigate.destination.url);
		if (!navigate.userInitiated && to !== location.origin && to !== signIn && navigate.cancelable) {
			navigate.preventDefault();
		}
	});
}
