import { describe, expect, it } from 'vitest';
import type { Connection } from '$lib/model/settings';
import { AzureError, asAzureError } from './errors';
import { authHeaders, azureFetch, azureJson, buildUrl } from './request';

const dated: Connection = {
	endpoint: 'https://r.openai.azure.com',
	auth: 'api-key',
	token: 'secret-key',
	apiVersion: '2024-10-21'
};
const v1: Connection = { ...dated, apiVersion: 'v1' };

interface Sent {
	url: string;
	init: RequestInit;
}

function recordingFetch(response: () => Response) {
	const sent: Sent[] = [];
	const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
		sent.push({ url: String(url), init: init ?? {} });
		return response();
	}) as typeof globalThis.fetch;
	return { sent, fetch };
}

describe('buildUrl', () => {
	it('puts the deployment in the path and the version in the query for dated versions', () => {
		expect(buildUrl(dated, 'chat/completions', 'gpt-4o')).toBe(
			'https://r.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21'
		);
		expect(buildUrl(dated, 'images/generations', 'dall-e-3')).toBe(
			'https://r.openai.azure.com/openai/deployments/dall-e-3/images/generations?api-version=2024-10-21'
		);
		expect(
			buildUrl({ ...dated, apiVersion: '2025-04-01-preview' }, 'audio/transcriptions', 'whisper')
		).toBe(
			'https://r.openai.azure.com/openai/deployments/whisper/audio/transcriptions?api-version=2025-04-01-preview'
		);
		expect(buildUrl(dated, 'models')).toBe(
			'https://r.openai.azure.com/openai/models?api-version=2024-10-21'
		);
	});

	it('uses the /openai/v1/ path with no deployment in it for v1', () => {
		expect(buildUrl(v1, 'chat/completions', 'gpt-4o')).toBe(
			'https://r.openai.azure.com/openai/v1/chat/completions'
		);
		expect(buildUrl(v1, 'images/generations', 'gpt-image-1')).toBe(
			'https://r.openai.azure.com/openai/v1/images/generations?api-version=preview'
		);
		expect(buildUrl(v1, 'audio/transcriptions', 'whisper')).toBe(
			'https://r.openai.azure.com/openai/v1/audio/transcriptions?api-version=preview'
		);
		expect(buildUrl(v1, 'models')).toBe('https://r.openai.azure.com/openai/v1/models');
	});

	it('escapes deployment names that are not URL-safe', () => {
		expect(buildUrl(dated, 'chat/completions', 'my model/1')).toContain(
			'/deployments/my%20model%2F1/'
		);
	});
});

describe('authHeaders', () => {
	it('sends api-key for an API key and a bearer token for Entra ID, never both', () => {
		expect(authHeaders(dated)).toEqual({ 'api-key': 'secret-key' });
		expect(authHeaders({ ...dated, auth: 'entra', token: 'eyJ0' })).toEqual({
			Authorization: 'Bearer eyJ0'
		});
	});
});

describe('azureFetch', () => {
	it('sends JSON with only the auth and content-type headers', async () => {
		const { sent, fetch } = recordingFetch(() => new Response('{}'));
		await azureFetch(dated, {
			operation: 'chat/completions',
			deployment: 'gpt-4o',
			body: { messages: [] },
			fetch
		});
		expect(sent[0]?.init.method).toBe('POST');
		expect(sent[0]?.init.headers).toEqual({
			'api-key': 'secret-key',
			'Content-Type': 'application/json'
		});
		expect(JSON.parse(String(sent[0]?.init.body))).toEqual({ messages: [] });
		expect(sent[0]?.url).not.toContain('secret-key');
	});

	it('puts the deployment in the body as model on the v1 path', async () => {
		const { sent, fetch } = recordingFetch(() => new Response('{}'));
		await azureFetch(v1, {
			operation: 'chat/completions',
			deployment: 'gpt-4o',
			body: { messages: [] },
			fetch
		});
		expect(JSON.parse(String(sent[0]?.init.body))).toEqual({ model: 'gpt-4o', messages: [] });
	});

	it('adds model to a multipart form on the v1 path and lets the browser set the boundary', async () => {
		const { sent, fetch } = recordingFetch(() => new Response('{}'));
		const form = new FormData();
		form.set('file', new Blob(['x']), 'a.wav');
		await azureFetch(v1, {
			operation: 'audio/transcriptions',
			deployment: 'whisper',
			body: form,
			fetch
		});
		const body = sent[0]?.init.body as FormData;
		expect(body.get('model')).toBe('whisper');
		expect(sent[0]?.init.headers).toEqual({ 'api-key': 'secret-key' });
	});

	it('does not add model to the form on dated versions', async () => {
		const { sent, fetch } = recordingFetch(() => new Response('{}'));
		const form = new FormData();
		await azureFetch(dated, {
			operation: 'audio/transcriptions',
			deployment: 'whisper',
			body: form,
			fetch
		});
		expect((sent[0]?.init.body as FormData).has('model')).toBe(false);
	});

	it('uses GET with no body for models', async () => {
		const { sent, fetch } = recordingFetch(() => new Response('{"data":[]}'));
		await azureFetch(dated, { operation: 'models', fetch });
		expect(sent[0]?.init.method).toBe('GET');
		expect(sent[0]?.init.body).toBeUndefined();
	});

	it('throws a typed error carrying the status and Azure code', async () => {
		const { fetch } = recordingFetch(
			() =>
				new Response('{"error":{"code":"DeploymentNotFound","message":"nope"}}', { status: 404 })
		);
		const error = await azureFetch(dated, {
			operation: 'chat/completions',
			deployment: 'x',
			body: {},
			fetch
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AzureError);
		expect(error).toMatchObject({ kind: 'not-found', status: 404, code: 'DeploymentNotFound' });
	});

	it('turns a failed fetch into a network error, but lets an abort through', async () => {
		const failing = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof globalThis.fetch;
		await expect(azureFetch(dated, { operation: 'models', fetch: failing })).rejects.toMatchObject({
			kind: 'network'
		});
		const controller = new AbortController();
		controller.abort();
		const aborting = (async () => {
			throw new DOMException('aborted', 'AbortError');
		}) as typeof globalThis.fetch;
		await expect(
			azureFetch(dated, { operation: 'models', fetch: aborting, signal: controller.signal })
		).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('gives up with a timeout error when no answer comes in time, and a caller’s abort still wins', async () => {
		const hanging = ((_url: string | URL | Request, init?: RequestInit) =>
			new Promise((_resolve, reject) =>
				init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError')))
			)) as typeof fetch;
		await expect(
			azureFetch(dated, { operation: 'models', fetch: hanging, timeoutMs: 30 })
		).rejects.toMatchObject({ kind: 'timeout', message: 'No answer within 0 seconds.' });
		const controller = new AbortController();
		const pending = azureFetch(dated, {
			operation: 'models',
			fetch: hanging,
			timeoutMs: 10_000,
			signal: controller.signal
		});
		controller.abort();
		await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('refuses a token a header cannot carry as a token problem, not a network failure', async () => {
		const never = (() => {
			throw new Error('must not be called');
		}) as unknown as typeof fetch;
		await expect(
			azureFetch({ ...dated, token: 'abc\ndef' }, { operation: 'models', fetch: never })
		).rejects.toMatchObject({ kind: 'unauthorized', message: /line break/ });
		await expect(
			azureFetch({ ...dated, token: 'clé' }, { operation: 'models', fetch: never })
		).rejects.toMatchObject({ kind: 'unauthorized' });
	});

	it('reads a 408 as a timeout and a 413 as too large, with the service’s words', async () => {
		const answer = (status: number, body: object) =>
			(async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
		await expect(
			azureFetch(dated, {
				operation: 'models',
				fetch: answer(408, { error: { code: 'Timeout', message: 'The operation was timeout.' } })
			})
		).rejects.toMatchObject({ kind: 'timeout', status: 408 });
		await expect(
			azureFetch(dated, {
				operation: 'models',
				fetch: answer(413, { error: { code: '413', message: 'Maximum content size limit' } })
			})
		).rejects.toMatchObject({ kind: 'too-large', status: 413 });
	});

	it('reads a body cut part way as a dropped answer, not an unreachable endpoint', async () => {
		const cut = (async () =>
			new Response(
				new ReadableStream({
					start(controller) {
						controller.enqueue(new TextEncoder().encode('{"data":['));
						controller.error(new TypeError('network error'));
					}
				})
			)) as typeof fetch;
		await expect(azureJson(dated, { operation: 'models', fetch: cut })).rejects.toMatchObject({
			kind: 'stream-dropped'
		});
	});
});

describe('asAzureError', () => {
	it('calls a TypeError from fetch a network failure, and anything else an unexpected answer', () => {
		expect(asAzureError(new TypeError('Failed to fetch')).kind).toBe('network');
		expect(asAzureError(new Error('Not a timestamp: 0:0')).kind).toBe('unexpected-response');
		expect(asAzureError(new SyntaxError('Unexpected token')).kind).toBe('unexpected-response');
	});
});
