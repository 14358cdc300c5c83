// The page's second Content Security Policy, narrowed to the saved endpoints.
//
// The policy built into the page (svelte.config.js) must let a fresh page reach any Azure
// endpoint, since it is written before anyone has typed one. Once the endpoint is known, this adds
// a second policy as a <meta> element. A browser enforces every policy a page has, so the page can
// then reach only its own origin, the saved endpoints and the hosts Azure serves pictures from: a
// script that got in through some flaw could read a token, but not send it anywhere else. A policy
// can be added but never loosened, so it is added once; a new endpoint origin takes a reload.
// See https://www.w3.org/TR/CSP3/#meta-element and the README's Security section.

/** Where dall-e-3 links its pictures (Azure Blob Storage hosts of the image service). */
export const PICTURE_HOSTS = [
	'https://dalleprodsec.blob.core.windows.net',
	'https://dalleproduse.blob.core.windows.net'
] as const;

/** The endpoint origins this page may reach, once narrowed. */
let narrowedTo: Set<string> | undefined;

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
 * The narrowed policy's text for the endpoint origins (none: the page's own origin only), and the
 * origins Microsoft sign-ins renew their tokens at.
 */
export function narrowedPolicy(
	origins: readonly string[],
	signIns: readonly string[] = []
): string {
	const hosts = [...origins, ...PICTURE_HOSTS].join(' ');
	return [
		`connect-src 'self' ${[hosts, ...signIns].join(' ')}`,
		`img-src 'self' data: blob: ${hosts}`,
		"media-src 'self' data: blob:",
		"form-action 'none'"
	].join('; ');
}

/** Each distinct origin of these URLs, leaving out what is not one. */
const origins = (urls: readonly string[]): string[] => [
	...new Set(urls.map(originOf).filter((origin) => origin !== undefined))
];

/**
 * Adds the narrowed policy for the endpoints, once per page. Also refuses navigations of this
 * page to another site that no person started (a script setting `location`), where the browser
 * offers a way to: CSP has no directive for navigation.
 */
export function narrowPolicy(endpoints: readonly string[], signIns: readonly string[] = []): void {
	if (narrowedTo !== undefined || typeof document === 'undefined') return;
	narrowedTo = new Set(origins(endpoints));
	const signInOrigins = origins(signIns);
	const meta = document.createElement('meta');
	meta.httpEquiv = 'Content-Security-Policy';
	meta.content = narrowedPolicy([...narrowedTo], signInOrigins);
	document.head.append(meta);
	guardNavigation(signInOrigins);
}

/** Whether this page may still reach `endpoint` (always, before the policy is narrowed). */
export function mayReach(endpoint: string): boolean {
	return narrowedTo === undefined || narrowedTo.has(originOf(endpoint) ?? '');
}

interface NavigateEvent extends Event {
	readonly userInitiated: boolean;
	readonly cancelable: boolean;
	readonly destination: { readonly url: string };
}

/** Signing in may take this tab to a sign-in host (when a pop-up is blocked). */
function guardNavigation(signIns: readonly string[]): void {
	const navigation = (globalThis as { navigation?: EventTarget }).navigation;
	navigation?.addEventListener('navigate', (event) => {
		const navigate = event as NavigateEvent;
		const to = originOf(navigate.destination.url);
		if (
			!navigate.userInitiated &&
			to !== location.origin &&
			!signIns.includes(to ?? '') &&
			navigate.cancelable
		) {
			navigate.preventDefault();
		}
	});
}
