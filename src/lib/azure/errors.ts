import { z } from '$lib/zod';

/** What kind of failure happened, which decides what the person is told to do. */
export type AzureErrorKind =
	| 'network'
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'rate-limited'
	| 'content-filter'
	| 'bad-request'
	| 'server'
	| 'stream-dropped'
	| 'stream-malformed'
	| 'unexpected-response';

export interface FilterResult {
	filtered: boolean;
	severity?: string;
	detected?: boolean;
}

const filterEntry = z.looseObject({
	filtered: z.optional(z.boolean()),
	severity: z.optional(z.string()),
	detected: z.optional(z.boolean())
});

const errorBodySchema = z.object({
	error: z.looseObject({
		code: z.nullish(z.union([z.string(), z.number()])),
		message: z.nullish(z.string()),
		param: z.nullish(z.string()),
		type: z.nullish(z.string()),
		inner_error: z.optional(z.unknown()),
		innererror: z.optional(z.unknown())
	})
});

const innerSchema = z.looseObject({
	code: z.nullish(z.string()),
	content_filter_results: z.optional(z.record(z.string(), z.unknown())),
	content_filter_result: z.optional(z.record(z.string(), z.unknown())),
	revised_prompt: z.optional(z.string())
});

export interface AzureErrorInit {
	kind: AzureErrorKind;
	message: string;
	status?: number;
	code?: string;
	param?: string;
	contentFilter?: Record<string, FilterResult>;
	retryAfterSeconds?: number;
	rawBody?: string;
}

/** The one error every Azure call throws: the status, Azure's own code and message, and what they mean. */
export class AzureError extends Error {
	readonly kind: AzureErrorKind;
	readonly status?: number;
	readonly code?: string;
	readonly param?: string;
	readonly contentFilter?: Record<string, FilterResult>;
	readonly retryAfterSeconds?: number;
	readonly rawBody?: string;

	constructor(init: AzureErrorInit) {
		super(init.message);
		this.name = 'AzureError';
		this.kind = init.kind;
		this.status = init.status;
		this.code = init.code;
		this.param = init.param;
		this.contentFilter = init.contentFilter;
		this.retryAfterSeconds = init.retryAfterSeconds;
		this.rawBody = init.rawBody;
	}
}

/** Reads "Please retry after N seconds" / "Try again in N seconds": the browser cannot read Retry-After. */
export function parseRetryAfter(message: string): number | undefined {
	const match =
		/(?:retry after|try again in)\s+(\d+(?:\.\d+)?)\s*(second|sec|s\b|millisecond|ms\b)/i.exec(
			message
		);
	if (!match?.[1]) return undefined;
	const value = Number(match[1]);
	const unit = match[2]?.toLowerCase() ?? 'second';
	return unit.startsWith('m') ? Math.ceil(value / 1000) : Math.ceil(value);
}

/** Content-filter categories from either the spec's or the service's real spelling. */
export function parseFilterResults(value: unknown): Record<string, FilterResult> | undefined {
	const record = z.record(z.string(), z.unknown()).safeParse(value);
	if (!record.success) return undefined;
	const out: Record<string, FilterResult> = {};
	for (const [category, entry] of Object.entries(record.data)) {
		const parsed = filterEntry.safeParse(entry);
		if (!parsed.success || parsed.data.filtered === undefined) continue;
		out[category] = {
			filtered: parsed.data.filtered,
			...(parsed.data.severity !== undefined ? { severity: parsed.data.severity } : {}),
			...(parsed.data.detected !== undefined ? { detected: parsed.data.detected } : {})
		};
	}
	return Object.keys(out).length ? out : undefined;
}

function kindForStatus(status: number, code: string | undefined): AzureErrorKind {
	if (code === 'content_filter' || code === 'contentFilter') return 'content-filter';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not-found';
	if (status === 429) return 'rate-limited';
	if (status >= 500) return 'server';
	if (status >= 400) return 'bad-request';
	return 'unexpected-response';
}

/** Builds the error for a non-2xx answer from its status and body text (JSON or not). */
export function errorFromBody(status: number, text: string): AzureError {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	const body = errorBodySchema.safeParse(json);
	if (!body.success) {
		return new AzureError({
			kind: kindForStatus(status, undefined),
			status,
			message: text.trim().slice(0, 500) || `The service answered with HTTP ${status}.`,
			rawBody: text
		});
	}
	const { error } = body.data;
	const code = error.code == null ? undefined : String(error.code);
	const message = error.message ?? `The service answered with HTTP ${status}.`;
	const inner = innerSchema.safeParse(error.innererror ?? error.inner_error);
	const contentFilter = inner.success
		? parseFilterResults(inner.data.content_filter_result ?? inner.data.content_filter_results)
		: undefined;
	return new AzureError({
		kind: kindForStatus(status, code),
		status,
		message,
		rawBody: text,
		...(code ? { code } : {}),
		...(error.param ? { param: error.param } : {}),
		...(contentFilter ? { contentFilter } : {}),
		...(status === 429 ? { retryAfterSeconds: parseRetryAfter(message) } : {})
	});
}

/** Reads a failed response into an AzureError. */
export async function errorFromResponse(response: Response): Promise<AzureError> {
	let text = '';
	try {
		text = await response.text();
	} catch {
		// The body could not be read (connection cut); the status alone still says what happened.
	}
	return errorFromBody(response.status, text);
}

export interface ErrorAdvice {
	title: string;
	/** What to do next, in words. */
	action: string;
}

/** Words for a person: what went wrong and what to do next. */
export function describeError(
	error: AzureError,
	context: { deployment?: string } = {}
): ErrorAdvice {
	switch (error.kind) {
		case 'network':
			return {
				title: 'The browser could not reach the endpoint.',
				action:
					'Check the Endpoint for typos and that this device can reach it (VPN, private endpoint or firewall). If the resource only allows selected networks, add this network. A proxy in front of Azure must answer CORS requests from this page.'
			};
		case 'unauthorized':
			return {
				title: 'The service refused the token (401).',
				action:
					'Check Token and Authentication in Settings: an API key goes with "API key"; an Entra ID access token goes with "Microsoft Entra ID" and expires after about an hour.'
			};
		case 'forbidden':
			return {
				title: 'The token is valid but not allowed to do this (403).',
				action:
					'An Entra ID identity needs the "Cognitive Services OpenAI User" role on the resource; role changes take up to 5 minutes. The resource may also block this network.'
			};
		case 'not-found':
			return {
				title: context.deployment
					? `No deployment named "${context.deployment}" was found (404).`
					: 'The endpoint or path was not found (404).',
				action: context.deployment
					? 'Use the deployment name from the Azure AI Foundry portal (Deployments), which is not always the model name. A deployment created in the last 5 minutes may not be ready yet.'
					: 'Check the Endpoint in Settings: it should be the resource URL, e.g. https://my-resource.openai.azure.com, and the API version must exist.'
			};
		case 'rate-limited':
			return {
				title: 'The deployment is over its rate limit (429).',
				action:
					error.retryAfterSeconds !== undefined
						? `Azure asks to retry after ${error.retryAfterSeconds} seconds. Raising the deployment's quota in the portal avoids this.`
						: "Wait a moment and try again. Raising the deployment's quota in the portal avoids this."
			};
		case 'content-filter': {
			const flagged = Object.entries(error.contentFilter ?? {})
				.filter(([, r]) => r.filtered)
				.map(([c, r]) =>
					r.severity ? `${c.replace(/_/g, ' ')} (${r.severity})` : c.replace(/_/g, ' ')
				);
			return {
				title: flagged.length
					? `Azure's content filter blocked this request: ${flagged.join(', ')}.`
					: "Azure's content filter blocked this request.",
				action: 'Rephrase the prompt and try again.'
			};
		}
		case 'bad-request':
			return {
				title: `The service rejected the request${error.param ? ` (parameter "${error.param}")` : ''}.`,
				action: 'Change what the service names below and try again.'
			};
		case 'server':
			return {
				title: `The service failed (${error.status ?? 'server error'}).`,
				action: 'This is on Azure\u2019s side; try again in a moment.'
			};
		case 'stream-dropped':
			return {
				title: 'The connection dropped before the reply finished.',
				action: 'What arrived is kept. Retry to ask again.'
			};
		case 'stream-malformed':
			return {
				title: 'The service sent a reply Cerulean could not read.',
				action: 'Retry; if it keeps happening, check that the endpoint is Azure OpenAI.'
			};
		case 'unexpected-response':
			return {
				title: 'The endpoint answered, but not like Azure OpenAI.',
				action: 'Check that the Endpoint is the Azure OpenAI resource URL.'
			};
	}
}

/** Any thrown value as an AzureError: a stray TypeError from the network layer becomes `network`. */
export function asAzureError(error: unknown): AzureError {
	return error instanceof AzureError
		? error
		: new AzureError({
				kind: 'network',
				message: error instanceof Error ? error.message : String(error)
			});
}
