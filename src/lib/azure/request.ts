import type { Connection } from '$lib/model/settings';
import { errorFromResponse } from './error-body';
import { AzureError } from './errors';
import { withToken } from './token-source';

/** What a key or token may hold: printable ASCII, as the Settings form checks it. */
const HEADER_SAFE = /^[\x20-\x7e]*$/;

/** The operations Cerulean calls. */
export type Operation =
	| 'chat/completions'
	| 'images/generations'
	| 'audio/transcriptions'
	| 'audio/translations'
	| 'models';

/** Builds the request URL for both URL shapes; `models` takes no deployment. */
export function buildUrl(
	connection: Connection,
	operation: Operation,
	deployment?: string
): string {
	const base = `${connection.endpoint}/openai`;
	if (connection.apiVersion === 'v1') {
		// Images and audio exist on the v1 path only as preview operations.
		const preview = operation !== 'chat/completions' && operation !== 'models';
		return `${base}/v1/${operation}${preview ? '?api-version=preview' : ''}`;
	}
	const version = `api-version=${encodeURIComponent(connection.apiVersion)}`;
	if (operation === 'models') return `${base}/models?${version}`;
	if (!deployment) throw new Error(`${operation} needs a deployment name`);
	return `${base}/deployments/${encodeURIComponent(deployment)}/${operation}?${version}`;
}

/** The one auth header for the connection's kind. */
export function authHeaders(connection: Connection): Record<string, string> {
	return connection.auth === 'api-key'
		? { 'api-key': connection.token }
		: { Authorization: `Bearer ${connection.token}` };
}

/** The JSON body as sent: on the v1 path the deployment travels as `model`. */
export function jsonPayload(
	connection: Connection,
	deployment: string | undefined,
	body: Record<string, unknown>
): Record<string, unknown> {
	return connection.apiVersion === 'v1' && deployment ? { model: deployment, ...body } : body;
}

export interface AzureRequest {
	operation: Operation;
	deployment?: string;
	/** JSON object or multipart form; absent for GET. */
	body?: Record<string, unknown> | FormData;
	signal?: AbortSignal;
	fetch?: typeof fetch;
	/** Gives up (as a `timeout` error) when no answer has come in this time. */
	timeoutMs?: number;
}

/**
 * The request core: URL, auth, body, and one typed error for every failure.
 * On the v1 path the deployment travels as `model` in the body or form.
 */
export function azureFetch(connection: Connection, request: AzureRequest): Promise<Response> {
	return withToken(connection, (current) => fetchOnce(current, request));
}

async function fetchOnce(connection: Connection, request: AzureRequest): Promise<Response> {
	const { operation, deployment, body } = request;
	// A timer rather than AbortSignal.timeout, so the page's clock (and a test's) governs it. It
	// also covers reading the answer, and does nothing once that is done.
	const timeout = request.timeoutMs ? new AbortController() : undefined;
	if (timeout) setTimeout(() => timeout.abort(), request.timeoutMs);
	const signal =
		timeout && request.signal
			? AbortSignal.any([request.signal, timeout.signal])
			: (timeout?.signal ?? request.signal);
	const doFetch = request.fetch ?? globalThis.fetch.bind(globalThis);
	// A header cannot carry a line break or a character outside Latin-1: fetch would throw a
	// TypeError that reads like a network failure.
	if (!HEADER_SAFE.test(connection.token)) {
		throw new AzureError({
			kind: 'unauthorized',
			message:
				'The saved token has a line break or a character a request header cannot carry. Paste it again in Settings.'
		});
	}
	const headers: Record<string, string> = authHeaders(connection);
	let payload: BodyInit | undefined;
	if (body instanceof FormData) {
		if (connection.apiVersion === 'v1' && deployment && !body.has('model')) {
			body.set('model', deployment);
		}
		payload = body; // the browser sets the multipart boundary
	} else if (body) {
		headers['Content-Type'] = 'application/json';
		payload = JSON.stringify(jsonPayload(connection, deployment, body));
	}
	let response: Response;
	try {
		response = await doFetch(buildUrl(connection, operation, deployment), {
			method: payload ? 'POST' : 'GET',
			headers,
			body: payload,
			signal,
			// The token is the only credential: no cookies to the endpoint, no page URL to it.
			credentials: 'omit',
			referrerPolicy: 'no-referrer'
		});
	} catch (cause) {
		if (cause instanceof AzureError) throw cause;
		if (timeout?.signal.aborted && !request.signal?.aborted) throw timedOut(request.timeoutMs ?? 0);
		if (signal?.aborted) throw cause;
		throw new AzureError({
			kind: 'network',
			message: cause instanceof Error ? cause.message : 'Network request failed'
		});
	}
	if (!response.ok) throw await errorFromResponse(response);
	return response;
}

export function timedOut(ms: number, what = 'No answer'): AzureError {
	return new AzureError({
		kind: 'timeout',
		message: `${what} within ${Math.round(ms / 1000)} seconds.`
	});
}

/**
 * A watchdog: calls `onIdle` once `poke` has not been called for `ms`. A timer of the page (not
 * AbortSignal.timeout), so the page's clock, and a test's, governs it.
 */
export function idleWatch(ms: number, onIdle: () => void): { poke: () => void; stop: () => void } {
	let timer = setTimeout(onIdle, ms);
	return {
		poke: () => {
			clearTimeout(timer);
			timer = setTimeout(onIdle, ms);
		},
		stop: () => clearTimeout(timer)
	};
}

/**
 * Reads an answer's body: a timeout while reading is a `timeout`, a connection cut part way is
 * `stream-dropped` (the service had answered, so the endpoint is reachable).
 */
export async function readAnswer(response: Response, request: AzureRequest): Promise<string> {
	try {
		return await response.text();
	} catch (cause) {
		if (request.signal?.aborted) throw cause;
		if (request.timeoutMs && cause instanceof DOMException) throw timedOut(request.timeoutMs);
		throw new AzureError({
			kind: 'stream-dropped',
			status: response.status,
			message: 'The connection dropped while the answer was arriving.'
		});
	}
}

/** Sends a request and reads its JSON answer; a body that is not JSON is an `unexpected-response`. */
export async function azureJson(connection: Connection, request: AzureRequest): Promise<unknown> {
	const response = await azureFetch(connection, request);
	const text = await readAnswer(response, request);
	try {
		return JSON.parse(text);
	} catch {
		throw new AzureError({
			kind: 'unexpected-response',
			status: response.status,
			message: 'The answer was not JSON.',
			rawBody: text.slice(0, 2000)
		});
	}
}
