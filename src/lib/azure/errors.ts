import type { FilterResults } from '$lib/model/chat';

/**
 * The error every Azure call throws. Reading one from an answer's body is in error-body.ts, loaded
 * with the code that makes requests, not with the first page.
 */

/** What kind of failure happened, which decides what the person is told to do. */
export type AzureErrorKind =
	| 'network'
	| 'timeout'
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'rate-limited'
	| 'too-large'
	| 'content-filter'
	| 'bad-request'
	| 'server'
	| 'stream-dropped'
	| 'stream-malformed'
	| 'unexpected-response';

export interface AzureErrorInit {
	kind: AzureErrorKind;
	message: string;
	status?: number;
	code?: string;
	param?: string;
	contentFilter?: FilterResults;
	retryAfterSeconds?: number;
	rawBody?: string;
}

/** The one error every Azure call throws: the status, Azure's own code and message, and what they mean. */
export class AzureError extends Error {
	readonly kind: AzureErrorKind;
	readonly status?: number;
	readonly code?: string;
	readonly param?: string;
	readonly contentFilter?: FilterResults;
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

/**
 * Any thrown value as an AzureError: a TypeError is what fetch throws when the network fails;
 * anything else went wrong reading the answer, which is not a network failure.
 */
export function asAzureError(error: unknown): AzureError {
	if (error instanceof AzureError) return error;
	return new AzureError({
		kind: error instanceof TypeError ? 'network' : 'unexpected-response',
		message: error instanceof Error ? error.message : String(error)
	});
}
