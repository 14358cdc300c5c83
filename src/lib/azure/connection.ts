import { z } from '$lib/zod';

/** The API versions Cerulean offers; `v1` is the `/openai/v1/` path with the deployment in the body. */
export const API_VERSIONS = ['2024-10-21', '2025-04-01-preview', 'v1'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export const AUTH_KINDS = ['api-key', 'entra'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export const connectionSchema = z.object({
	endpoint: z.url({ protocol: /^https?$/ }),
	auth: z.enum(AUTH_KINDS),
	token: z.string().check(z.minLength(1)),
	apiVersion: z.enum(API_VERSIONS)
});

/** What every request needs: where to go and how to prove who is asking. */
export type Connection = z.infer<typeof connectionSchema>;

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

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Turns what people paste (a portal URL, a request URL copied from code, a bare host name)
 * into the resource endpoint, saying what was changed.
 */
export function normaliseEndpoint(input: string): EndpointResult {
	const trimmed = input.trim();
	if (!trimmed) return { ok: false, error: 'Enter the endpoint of your Azure OpenAI resource.' };
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
		return {
			ok: false,
			error: 'This is not a web address. It looks like https://my-resource.openai.azure.com.'
		};
	}
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
		if (match?.[1]) deployment = decodeURIComponent(match[1]);
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
