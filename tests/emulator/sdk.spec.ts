// The official `openai` SDK (its AzureOpenAI client, as Azure's own docs use it) against the
// emulator: if the emulator drifted from what Azure's client expects, these would fail.
import { AudioSample, AudioSampleSource, BufferTarget, MovOutputFormat, Output } from 'mediabunny';
import OpenAI, { AzureOpenAI, toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, wav } from './harness';
import { createEmulator } from './server.js';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await createEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const azure = (apiVersion = '2024-10-21', maxRetries = 0) =>
	new AzureOpenAI({ endpoint: emulator.url, apiKey: emulator.key, apiVersion, maxRetries });

describe('chat with the AzureOpenAI client', () => {
	it('answers a chat completion', async () => {
		const completion = await azure().chat.completions.create({
			model: 'gpt-4o',
			messages: [{ role: 'user', content: 'What is a deployment?' }]
		});
		expect(completion.choices[0]?.message.content).toContain('What is a deployment?');
		expect(completion.model).toBe('gpt-4o-2024-08-06');
		expect(completion.usage?.total_tokens).toBeGreaterThan(0);
		expect(emulator.requests.at(-1)?.headers['api-key']).toBe(emulator.key);
		expect(emulator.requests.at(-1)?.path).toBe('/openai/deployments/gpt-4o/chat/completions');
	});

	it('streams, with Azure’s empty-choices first event and the usage event', async () => {
		const stream = await azure().chat.completions.create({
			model: 'gpt-4o',
			messages: [{ role: 'user', content: 'Stream please' }],
			stream: true,
			stream_options: { include_usage: true }
		});
		let text = '';
		let usage = 0;
		let empty = 0;
		for await (const chunk of stream) {
			if (!chunk.choices.length) empty++;
			text += chunk.choices[0]?.delta.content ?? '';
			usage = chunk.usage?.total_tokens ?? usage;
		}
		expect(text).toContain('Stream please');
		expect(empty).toBe(2);
		expect(usage).toBeGreaterThan(0);
	});

	it('reads a long prompt’s repeated beginning from the prompt cache, in steps of 128 tokens from 1,024', async () => {
		const long = 'Cerulean compares deployments. '.repeat(200);
		const ask = (question: string) =>
			azure().chat.completions.create({
				model: 'gpt-4o',
				messages: [
					{ role: 'system', content: long },
					{ role: 'user', content: question }
				]
			});
		const first = await ask('First question?');
		expect(first.usage?.prompt_tokens).toBeGreaterThan(1024);
		expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
		const second = await ask('Second question?');
		const cached = second.usage?.prompt_tokens_details?.cached_tokens ?? 0;
		expect(cached).toBeGreaterThanOrEqual(1024);
		expect(cached % 128).toBe(0);
		expect(cached).toBeLessThanOrEqual(second.usage?.prompt_tokens ?? 0);
		// A short prompt is never cached, however often it is sent.
		for (let i = 0; i < 2; i++) {
			const short = await azure().chat.completions.create({
				model: 'gpt-4o',
				messages: [{ role: 'user', content: 'Hello' }]
			});
			expect(short.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
		}
	});

	it('assembles streamed tool calls with the SDK’s own stream helper', async () => {
		emulator.reply({
			toolCalls: [{ name: 'lookup_order', arguments: '{"id":"A-17","urgent":true}' }]
		});
		const runner = azure().chat.completions.stream({
			model: 'gpt-4o',
			messages: [{ role: 'user', content: 'Where is A-17?' }],
			tools: [
				{ type: 'function', function: { name: 'lookup_order', parameters: { type: 'object' } } }
			]
		});
		const final = await runner.finalChatCompletion();
		const call = final.choices[0]?.message.tool_calls?.[0];
		expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
			id: 'A-17',
			urgent: true
		});
		expect(final.choices[0]?.finish_reason).toBe('tool_calls');
	});

	it('answers a strict JSON schema with JSON the SDK parses', async () => {
		const completion = await azure().chat.completions.create({
			model: 'gpt-4o',
			messages: [{ role: 'user', content: 'Where?' }],
			response_format: {
				type: 'json_schema',
				json_schema: {
					name: 'place',
					strict: true,
					schema: {
						type: 'object',
						properties: { city: { type: 'string' } },
						required: ['city'],
						additionalProperties: false
					}
				}
			}
		});
		expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ city: 'Oslo' });
	});

	it('surfaces Azure’s errors as the SDK’s typed errors', async () => {
		const error = await azure('2025-04-01-preview')
			.chat.completions.create({
				model: 'o4-mini',
				messages: [{ role: 'user', content: 'x' }],
				temperature: 0.2
			})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OpenAI.BadRequestError);
		expect(error).toMatchObject({ status: 400, code: 'unsupported_value', param: 'temperature' });

		emulator.fail({ kind: 'deployment-not-found' });
		await expect(
			azure().chat.completions.create({
				model: 'gpt-4o',
				messages: [{ role: 'user', content: 'x' }]
			})
		).rejects.toBeInstanceOf(OpenAI.NotFoundError);
	});

	it('lets the SDK honour Retry-After on a 429, as it can outside a browser', async () => {
		emulator.fail({ kind: 'rate-limit', retryAfter: 1 });
		const started = Date.now();
		const completion = await azure('2024-10-21', 1).chat.completions.create({
			model: 'gpt-4o',
			messages: [{ role: 'user', content: 'after the wait' }]
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(completion.choices[0]?.message.content).toContain('after the wait');
	});

	it('works on the v1 path with the plain OpenAI client and the key as a bearer token', async () => {
		const client = new OpenAI({ baseURL: `${emulator.url}/openai/v1/`, apiKey: emulator.key });
		const completion = await client.chat.completions.create({
			model: 'chat-mini',
			messages: [{ role: 'user', content: 'v1 hello' }]
		});
		expect(completion.choices[0]?.message.content).toContain('v1 hello');
		expect(emulator.requests.at(-1)?.json.model).toBe('chat-mini');
	});
});

describe('images with the AzureOpenAI client', () => {
	it('dall-e-3 answers URL and b64_json, with the revised prompt', async () => {
		const byUrl = await azure().images.generate({ model: 'dall-e-3', prompt: 'a red kite' });
		expect(byUrl.data?.[0]?.url).toMatch(/\/__emulator\/blob\/.+\.png\?se=/);
		expect(byUrl.data?.[0]?.revised_prompt).toContain('a red kite');
		const bytes = await azure().images.generate({
			model: 'dall-e-3',
			prompt: 'a red kite',
			response_format: 'b64_json',
			size: '1024x1792'
		});
		const png = Buffer.from(bytes.data?.[0]?.b64_json ?? '', 'base64');
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1792]);
	});

	it('gpt-image-1 answers b64_json and usage on 2025-04-01-preview', async () => {
		const result = await azure('2025-04-01-preview').images.generate({
			model: 'gpt-image-1',
			prompt: 'two boats',
			n: 2,
			quality: 'low'
		});
		expect(result.data).toHaveLength(2);
		expect(result.usage?.total_tokens).toBeGreaterThan(0);
	});
});

describe('transcriptions with the AzureOpenAI client', () => {
	const file = () => toFile(wav(7), 'tone.wav', { type: 'audio/wav' });

	it('answers json and verbose_json as objects, text/srt/vtt as text', async () => {
		const client = azure('2025-04-01-preview');
		const json = await client.audio.transcriptions.create({ model: 'whisper', file: await file() });
		expect(json.text).toContain('Cerulean emulator');
		const verbose = await client.audio.transcriptions.create({
			model: 'whisper',
			file: await file(),
			response_format: 'verbose_json',
			timestamp_granularities: ['word', 'segment']
		});
		expect(verbose.duration).toBe(7);
		expect(verbose.segments?.at(-1)?.end).toBe(7);
		expect(verbose.words?.length).toBeGreaterThan(5);
		const text = await client.audio.transcriptions.create({
			model: 'whisper',
			file: await file(),
			response_format: 'text'
		});
		expect(text).toContain('Cerulean emulator');
		for (const format of ['srt', 'vtt'] as const) {
			const subtitles = await client.audio.transcriptions.create({
				model: 'whisper',
				file: await file(),
				response_format: format
			});
			expect(subtitles).toContain('00:00:07');
		}
	});

	it('translates into English with whisper, and refuses gpt-4o-transcribe', async () => {
		const client = azure();
		const result = await client.audio.translations.create({
			model: 'whisper',
			file: await file(),
			response_format: 'verbose_json'
		});
		expect(result).toMatchObject({ task: 'translate', language: 'english', duration: 7 });
		await expect(
			client.audio.translations.create({ model: 'gpt-4o-transcribe', file: await file() })
		).rejects.toMatchObject({ status: 400, code: 'OperationNotSupported' });
	});

	it('times the transcript to the real length of audio in any container', async () => {
		// 4.5 s of 16-bit PCM in a QuickTime file, not a WAV: read by the container, not a header.
		const output = new Output({ format: new MovOutputFormat(), target: new BufferTarget() });
		const sound = new AudioSampleSource({ codec: 'pcm-s16', bitrate: 256_000 });
		output.addAudioTrack(sound);
		await output.start();
		const sample = new AudioSample({
			data: new Float32Array(4.5 * 8000),
			format: 'f32',
			numberOfChannels: 1,
			sampleRate: 8000,
			timestamp: 0
		});
		await sound.add(sample);
		sample.close();
		await output.finalize();
		const verbose = await azure().audio.transcriptions.create({
			model: 'whisper',
			file: await toFile(Buffer.from(output.target.buffer!), 'clip.mp4', { type: 'video/mp4' }),
			response_format: 'verbose_json'
		});
		expect(verbose.duration).toBe(4.5);
	});

	it('refuses a file over 25 MB with the gateway’s 413', async () => {
		await expect(
			azure().audio.transcriptions.create({
				model: 'whisper',
				file: await toFile(wav(820), 'long.wav', { type: 'audio/wav' })
			})
		).rejects.toMatchObject({ status: 413 });
	});

	it('gpt-4o-transcribe answers json', async () => {
		const result = await azure('2025-04-01-preview').audio.transcriptions.create({
			model: 'gpt-4o-transcribe',
			file: await file()
		});
		expect(result.text).toContain('Cerulean emulator');
	});
});
