import { LOCAL_HOSTS } from '$lib/model/safe-url';

export type EndpointResult =
	| {
			ok: true;
			endpoint: string;
			/** Sentences saying what was changed, for the person who pasted the value. */
			changes: string[];
			/** A deployment name or API version found in a pasted request URL. */
			deployment?: string;
			apiVersion?: string;
	  }
	| { ok: false; error: string };

/** A DNS name or an IP address: letters, digits, dots and hyphens, or a bracketed IPv6 address. */
const HOST =
	/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])$/i;

/** A path segment as text; a malformed %-escape stays as typed rather than throwing. */
function decodeSafely(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * Turns what people paste (a portal URL, a request URL copied from code, a bare host name)
 * into the resource endpoint, saying what was changed.
 */
export function normaliseEndpoint(input: string): EndpointResult {
	const trimmed = input.trim();
	if (!trimmed) return { ok: false, error: 'Enter the endpoint of your Azure OpenAI resource.' };
	const notAnAddress = {
		ok: false as const,
		error: 'This is not a web address. It looks like https://my-resource.openai.azure.com.'
	};
	// Browsers accept spaces and odd characters in a host name by escaping them: refuse them here.
	if (/\s/.test(trimmed)) return notAnAddress;
	const changes: string[] = [];
	let text = trimmed;
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
		text = `https://${text}`;
		changes.push('Added https://.');
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return notAnAddress;
	}
	if (!HOST.test(url.hostname)) return notAnAddress;
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, error: 'The endpoint must start with https://.' };
	}
	if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
		return {
			ok: false,
			error:
				'Use https://. Plain http:// is only allowed for localhost and 127.0.0.1, because the token would travel unencrypted.'
		};
	}
	if (url.username || url.password) {
		return {
			ok: false,
			error: 'Remove the user name and password from the address; put the key in Token instead.'
		};
	}

	let deployment: string | undefined;
	let apiVersion = url.searchParams.get('api-version') ?? undefined;
	if (url.search) changes.push(`Removed the query ${url.search}.`);
	if (url.hash) changes.push('Removed the #fragment.');

	let path = url.pathname;
	const openai = path.search(/\/openai(\/|$)/i);
	if (openai >= 0) {
		const rest = path.slice(openai);
		const match = /^\/openai\/deployments\/([^/]+)/i.exec(rest);
		if (match?.[1]) deployment = decodeSafely(match[1]);
		if (/^\/openai\/v1(\/|$)/i.test(rest)) apiVersion = 'v1';
		path = path.slice(0, openai);
		changes.push(`Removed ${rest}: Cerulean adds the path for each request itself.`);
	}
	if (path.endsWith('/')) {
		if (openai < 0 && (path !== '/' || /\/$/.test(trimmed)))
			changes.push('Removed the trailing slash.');
		path = path.replace(/\/+$/, '');
	}

	return {
		ok: true,
		endpoint: `${url.protocol}//${url.host}${path}`,
		changes,
		...(deployment ? { deployment } : {}),
		...(apiVersion ? { apiVersion } : {})
	};
}
