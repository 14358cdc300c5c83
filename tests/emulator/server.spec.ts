import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/lib/azure/connection';
import { AzureError } from '../../src/lib/azure/errors';
import { azureFetch, azureJson } from '../../src/lib/azure/request';
import { readChatStream, type ChatChunk } from '../../src/lib/azure/sse';
import { createEmulator } from './server.js';

let emulator: Awaited<ReturnType<typeof createEmulator>>;
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

async function streamChat(body: Record<string, unknown>, conn = connection) {
	const response = await azureFetch(conn, {
		operation: 'chat/completions',
		deployment: 'gpt-4o',
		body: { messages: [{ role: 'user', content: 'hello' }], stream: true, ...body }
	});
	const chunks: ChatChunk[] = [];
	let error: unknown;
	try {
		for await (const chunk of readChatStream(response.body as ReadableStream<Uint8Array>)) {
			chunks.push(chunk);
		}
	} catch (e) {
		error = e;
	}
	const text = chunks.flatMap((c) => c.choices.map((x) => x.delta?.content ?? '')).join('');
	return { chunks, text, error };
}

describe('emulator streams', () => {
	it('stream like Azure: empty-choices first event, role event, content, finish, usage', async () => {
		const { chunks, text, error } = await streamChat({ stream_options: { include_usage: true } });
		expect(error).toBeUndefined();
		expect(chunks[0]?.choices).toEqual([]);
		expect(chunks[0]?.prompt_filter_results?.[0]?.content_filter_results).toHaveProperty(
			'jailbreak'
		);
		expect(chunks[1]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
		expect(text).toContain('You said: "hello"');
		expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
		expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
	});

	it('cut at max_tokens with finish_reason length', async () => {
		const { chunks } = await streamChat({ max_tokens: 3 });
		const finish = chunks.flatMap((c) => c.choices).find((c) => c.finish_reason);
		expect(finish?.finish_reason).toBe('length');
	});

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
});

describe('emulator errors', () => {
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

	it('validate parameters against the documented limits', async () => {
		await expect(streamChat({ temperature: 3 })).rejects.toMatchObject({
			kind: 'bad-request',
			param: 'temperature'
		});
		await expect(streamChat({ stop: ['a', 'b', 'c', 'd', 'e'] })).rejects.toMatchObject({
			param: 'stop'
		});
	});

	it('reject max_tokens on a reasoning deployment as the service does', async () => {
		const error = await azureFetch(connection, {
			operation: 'chat/completions',
			deployment: 'o4-mini',
			body: { messages: [{ role: 'user', content: 'x' }], max_tokens: 10 }
		}).catch((e: unknown) => e);
		expect(error).toMatchObject({ code: 'unsupported_parameter', param: 'max_tokens' });
	});

	it('answer an unknown deployment with DeploymentNotFound', async () => {
		const error = await azureFetch(connection, {
			operation: 'chat/completions',
			deployment: 'gpt-4',
			body: { messages: [{ role: 'user', content: 'x' }] }
		}).catch((e: unknown) => e);
		expect(error).toMatchObject({ status: 404, code: 'DeploymentNotFound' });
	});
});

describe('emulator surface', () => {
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

	it('needs model in the body on the v1 path', async () => {
		const response = await fetch(`${emulator.url}/openai/v1/chat/completions`, {
			method: 'POST',
			headers: { 'api-key': emulator.key, 'Content-Type': 'application/json' },
			body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] })
		});
		expect(response.status).toBe(400);
		const v1 = await azureJson(
			{ ...connection, apiVersion: 'v1' },
			{
				operation: 'chat/completions',
				deployment: 'gpt-4o',
				body: { messages: [{ role: 'user', content: 'x' }] }
			}
		);
		expect(v1).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-2024-08-06' });
	});

	it('returns real PNGs of the requested size', async () => {
		const json = (await azureJson(connection, {
			operation: 'images/generations',
			deployment: 'dall-e-3',
			body: { prompt: 'a lighthouse', size: '1792x1024', response_format: 'b64_json' }
		})) as { data: { b64_json: string; revised_prompt: string }[] };
		const png = Buffer.from(json.data[0]?.b64_json ?? '', 'base64');
		expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1792, 1024]);
		expect(json.data[0]?.revised_prompt).toContain('a lighthouse');
	});

	it('transcribes a WAV into SRT cues spanning its length', async () => {
		const seconds = 6;
		const rate = 8000;
		const wav = Buffer.alloc(44 + seconds * rate * 2);
		wav.write('RIFF', 0);
		wav.writeUInt32LE(36 + seconds * rate * 2, 4);
		wav.write('WAVEfmt ', 8);
		wav.writeUInt32LE(16, 16);
		wav.writeUInt16LE(1, 20);
		wav.writeUInt16LE(1, 22);
		wav.writeUInt32LE(rate, 24);
		wav.writeUInt32LE(rate * 2, 28);
		wav.writeUInt16LE(2, 32);
		wav.writeUInt16LE(16, 34);
		wav.write('data', 36);
		wav.writeUInt32LE(seconds * rate * 2, 40);
		const form = new FormData();
		form.set('file', new Blob([wav], { type: 'audio/wav' }), 'tone.wav');
		form.set('response_format', 'srt');
		const response = await azureFetch(connection, {
			operation: 'audio/transcriptions',
			deployment: 'whisper',
			body: form
		});
		const srt = await response.text();
		expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:03,000\n/);
		expect(srt).toContain('00:00:06,000');
	});
});
