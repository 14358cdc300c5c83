import http from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/lib/model/settings';
import { AzureError } from '../../src/lib/azure/errors';
import { azureFetch } from '../../src/lib/azure/request';
import { readChatStream, type ChatChunk } from '../../src/lib/azure/sse';
import { call, chat, type Emulator, wav } from './harness';
import { createEmulator } from './server.js';

let emulator: Emulator;
let connection: Connection;

beforeAll(async () => {
	emulator = await createEmulator();
	connection = {
		endpoint: emulator.url,
		auth: 'api-key',
		token: emulator.key,
		apiVersion: '2024-10-21'
	};
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

/** Streams through the app's own client, as the page does. */
async function streamChat(body: Record<string, unknown>) {
	const response = await azureFetch(connection, {
		operation: 'chat/completions',
		deployment: 'gpt-4o',
		body: { messages: [{ role: 'user', content: 'hello' }], stream: true, ...body }
	});
	const chunks: ChatChunk[] = [];
	let error: unknown;
	try {
		for await (const chunk of readChatStream(response.body as ReadableStream<Uint8Array>))
			chunks.push(chunk);
	} catch (e) {
		error = e;
	}
	return { chunks, error };
}

describe('faults the emulator can be told to suffer', () => {
	it('drop after K chunks when told, leaving the partial text', async () => {
		emulator.fail({ kind: 'drop', afterChunks: 5 });
		const { chunks, error } = await streamChat({});
		expect(chunks).toHaveLength(5);
		expect(error).toBeInstanceOf(AzureError);
		expect(error).toMatchObject({ kind: 'stream-dropped' });
	});

	it('send a malformed event when told', async () => {
		emulator.fail({ kind: 'malformed', afterChunks: 3 });
		const { error } = await streamChat({});
		expect(error).toMatchObject({ kind: 'stream-malformed' });
	});

	it.each([
		[{ kind: 'unauthorized' } as const, 'unauthorized', 401],
		[{ kind: 'deployment-not-found' } as const, 'not-found', 404],
		[{ kind: 'content-filter' } as const, 'content-filter', 400],
		[{ kind: 'server-error' } as const, 'server', 500],
		[{ kind: 'service-unavailable' } as const, 'server', 503]
	])('answer %o as the client expects', async (failure, kind, status) => {
		emulator.fail(failure);
		const error = await streamChat({}).catch((e: unknown) => e);
		expect(error).toMatchObject({ kind, status });
	});

	it('put the retry delay in the 429 message', async () => {
		emulator.fail({ kind: 'rate-limit', retryAfter: 12 });
		await expect(streamChat({})).rejects.toMatchObject({
			kind: 'rate-limited',
			retryAfterSeconds: 12
		});
	});

	it('cut the connection, and cut the re-send a browser makes on a reused connection too', async () => {
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const post = () =>
			new Promise<number>((resolve, reject) => {
				const request = http.request(
					`${emulator.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`,
					{
						method: 'POST',
						agent,
						headers: { 'api-key': emulator.key, 'Content-Type': 'application/json' }
					},
					(response) => {
						response.resume();
						response.on('end', () => resolve(response.statusCode ?? 0));
					}
				);
				request.on('error', reject);
				request.end(JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }));
			});
		expect(await post()).toBe(200);
		emulator.fail({ kind: 'network' });
		// The first try came on the kept-alive connection; a browser's silent re-send is cut as well.
		await expect(post()).rejects.toThrow();
		await expect(post()).rejects.toThrow();
		expect(await post()).toBe(200);
		agent.destroy();
	});
});

describe('quotas', () => {
	it('are off by default', async () => {
		const answers = await Promise.all(
			Array.from({ length: 8 }, () =>
				call(emulator, 'images/generations', { prompt: 'a kite' }, { deployment: 'dall-e-3' })
			)
		);
		expect(answers.every((a) => a.status === 200)).toBe(true);
	});

	it('answer 429 by themselves past the requests a minute, naming when to retry', async () => {
		emulator.setQuotas(true);
		const form = () => {
			const data = new FormData();
			data.set('file', new Blob([wav(1)], { type: 'audio/wav' }), 'a.wav');
			return data;
		};
		const audio = [];
		for (let i = 0; i < 4; i++) {
			audio.push(await call(emulator, 'audio/transcriptions', form(), { deployment: 'whisper' }));
		}
		expect(audio.map((a) => a.status)).toEqual([200, 200, 200, 429]);
		expect(audio[3]?.body.error.message).toMatch(
			/^Requests to the Transcriptions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier\. Please retry after (59|60) seconds\./
		);
		emulator.setQuotas({ 'dall-e-3': 1 });
		const images = [];
		for (let i = 0; i < 2; i++) {
			images.push(
				await call(emulator, 'images/generations', { prompt: 'x' }, { deployment: 'dall-e-3' })
			);
		}
		expect(images.map((a) => a.status)).toEqual([200, 429]);
	});

	it('can be switched on over HTTP, as the CLI and tests do', async () => {
		await fetch(`${emulator.url}/__emulator/quotas`, {
			method: 'POST',
			body: JSON.stringify({ rpm: { 'gpt-4o': 1 } })
		});
		expect((await chat(emulator, {})).status).toBe(200);
		expect((await chat(emulator, {})).status).toBe(429);
	});
});

describe('surface', () => {
	it('answers preflight like Azure: any origin, requested headers, nothing exposed', async () => {
		const response = await fetch(`${emulator.url}/openai/v1/chat/completions`, {
			method: 'OPTIONS',
			headers: {
				Origin: 'http://127.0.0.1:4173',
				'Access-Control-Request-Method': 'POST',
				'Access-Control-Request-Headers': 'api-key,content-type'
			}
		});
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		expect(response.headers.get('access-control-allow-headers')).toBe('api-key,content-type');
		expect(response.headers.get('access-control-expose-headers')).toBeNull();
	});

	it('needs model in the body on the v1 path, and takes the key as a bearer token there', async () => {
		const response = await fetch(`${emulator.url}/openai/v1/chat/completions`, {
			method: 'POST',
			headers: { authorization: `Bearer ${emulator.key}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] })
		});
		expect(response.status).toBe(400);
		const v1 = await chat(emulator, {}, { apiVersion: 'v1' });
		expect(v1.body).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-2024-08-06' });
	});

	it('refuses a dated api-version on the v1 path as Azure does', async () => {
		const response = await fetch(
			`${emulator.url}/openai/v1/chat/completions?api-version=2024-10-21`,
			{
				method: 'POST',
				headers: { 'api-key': emulator.key, 'Content-Type': 'application/json' },
				body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
			}
		);
		expect(await response.json()).toEqual({
			error: { code: 'BadRequest', message: 'API version not supported' }
		});
	});

	it('answers an unknown deployment with DeploymentNotFound', async () => {
		const { status, body } = await chat(emulator, {}, { deployment: 'gpt-4' });
		expect(status).toBe(404);
		expect(body.error.code).toBe('DeploymentNotFound');
	});
});

describe('Entra ID tokens', () => {
	const ISSUER = 'https://login.example.test/tenant/v2.0';
	const signer = async () => {
		const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
		return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' } };
	};
	const token = (key: CryptoKey, claims: { aud?: string; exp?: number; iss?: string }) =>
		new SignJWT({})
			.setProtectedHeader({ alg: 'RS256', kid: 'k1' })
			.setIssuer(claims.iss ?? ISSUER)
			.setAudience(claims.aud ?? 'https://cognitiveservices.azure.com')
			.setIssuedAt()
			.setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 3600)
			.sign(key);
	const models = (bearer: string) =>
		fetch(`${emulator.url}/openai/models?api-version=2024-10-21`, {
			headers: { authorization: `Bearer ${bearer}` }
		});

	it('accepts a token its trusted issuer signed for Azure AI services, and refuses the rest with Azure’s 401', async () => {
		const trusted = await signer();
		const stranger = await signer();
		emulator.trustIssuer({ url: ISSUER, keys: { keys: [trusted.jwk] } });
		expect((await models(await token(trusted.privateKey, {}))).status).toBe(200);
		const refused = [
			await token(trusted.privateKey, { exp: Math.floor(Date.now() / 1000) - 5 }),
			await token(trusted.privateKey, { aud: 'https://management.azure.com' }),
			await token(trusted.privateKey, { iss: 'https://login.example.test/other/v2.0' }),
			await token(stranger.privateKey, {}),
			'not-a-jwt'
		];
		for (const bearer of refused) {
			const response = await models(bearer);
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({
				error: {
					code: '401',
					message:
						'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'
				}
			});
		}
	});

	it('trusts no issuer once reset', async () => {
		const trusted = await signer();
		emulator.trustIssuer({ url: ISSUER, keys: { keys: [trusted.jwk] } });
		const bearer = await token(trusted.privateKey, {});
		emulator.reset();
		expect((await models(bearer)).status).toBe(401);
	});
});

describe('images', () => {
	it('returns real PNGs of the requested size', async () => {
		const { body } = await call(
			emulator,
			'images/generations',
			{ prompt: 'a lighthouse', size: '1792x1024', response_format: 'b64_json' },
			{ deployment: 'dall-e-3' }
		);
		const png = Buffer.from(body.data[0].b64_json, 'base64');
		expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1792, 1024]);
		expect(body.data[0].revised_prompt).toContain('a lighthouse');
	});

	it('refuses bad values in the image service’s own error shape', async () => {
		const { status, body } = await call(
			emulator,
			'images/generations',
			{ prompt: 'x', quality: 'ultra' },
			{ deployment: 'dall-e-3' }
		);
		expect(status).toBe(400);
		expect(body).toEqual({
			error: {
				code: 'invalidPayload',
				message: 'Invalid payload: Value for property quality is invalid.'
			}
		});
		const tooMany = await call(
			emulator,
			'images/generations',
			{ prompt: 'x', n: 11 },
			{ deployment: 'gpt-image-1', apiVersion: '2025-04-01-preview' }
		);
		expect(tooMany.body.error).toEqual({
			code: 'invalidPayload',
			message: 'Invalid payload: Value for property n is invalid.'
		});
	});
});

describe('audio', () => {
	it('transcribes a WAV into SRT cues spanning its length', async () => {
		const form = new FormData();
		form.set('file', new Blob([wav(6)], { type: 'audio/wav' }), 'tone.wav');
		form.set('response_format', 'srt');
		const { text } = await call(emulator, 'audio/transcriptions', form, { deployment: 'whisper' });
		expect(text).toMatch(/^1\n00:00:00,000 --> 00:00:03,000\n/);
		expect(text).toContain('00:00:06,000');
	});
});
