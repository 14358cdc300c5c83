import type { FilterResult, FilterResults } from '$lib/model/chat';
import { z } from '$lib/zod';
import { AzureError, type AzureErrorKind } from './errors';

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

/**
 * Content-filter categories from either the spec's or the service's real spelling. Checked by hand:
 * it runs on every streamed chunk, where building a validator each time costs more than the rest.
 */
export function parseFilterResults(value: unknown): FilterResults | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	let out: FilterResults | undefined;
	for (const [category, entry] of Object.entries(value)) {
		if (!entry || typeof entry !== 'object') continue;
		const { filtered, severity, detected } = entry as Record<string, unknown>;
		if (typeof filtered !== 'boolean') continue;
		const result: FilterResult = { filtered };
		if (typeof severity === 'string') result.severity = severity;
		if (typeof detected === 'boolean') result.detected = detected;
		(out ??= {})[category] = result;
	}
	return out;
}

/** The limit and the size a context-length error names, to say how much must go. */
export function parseContextOverflow(
	message: string
): { limit: number; requested: number } | undefined {
	const limit = /maximum context length is (\d+)/i.exec(message)?.[1];
	const requested = /(?:resulted in|requested) (\d+) tokens/i.exec(message)?.[1];
	return limit && requested ? { limit: Number(limit), requested: Number(requested) } : undefined;
}

function kindForStatus(status: number, code: string | undefined): AzureErrorKind {
	if (code === 'content_filter' || code === 'contentFilter') return 'content-filter';
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not-found';
	if (status === 408) return 'timeout';
	if (status === 413) return 'too-large';
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
	// The image service names the parameter only in its message: "Value for property quality".
	const param =
		error.param ?? (code === 'invalidPayload' ? /property (\w+)/.exec(message)?.[1] : undefined);
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
		...(param ? { param } : {}),
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
