import { describe, expect, it } from 'vitest';
import { asChatChunk, carriesText, readChatStream, type ChatChunk } from './sse';
import sdkStream from './fixtures/stream-sdk-2024-10-21-usage.sse?raw';
import gpt35Stream from './fixtures/stream-traceloop-2024-gpt35.sse?raw';
import obfuscatedStream from './fixtures/stream-traceloop-2026-obfuscation.sse?raw';

const encoder = new TextEncoder();

function streamOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			for (const part of parts) controller.enqueue(part);
			controller.close();
		}
	});
}

async function collect(body: ReadableStream<Uint8Array>) {
	const chunks: ChatChunk[] = [];
	for await (const chunk of readChatStream(body)) chunks.push(chunk);
	const text = chunks.map((c) => c.choices.map((x) => x.delta?.content ?? '').join('')).join('');
	return { chunks, text };
}

const recorded = [
	['the 2024-10-21 SDK recording with usage', sdkStream],
	['the 2024 gpt-35-turbo recording', gpt35Stream],
	['the 2026 recording with obfuscation fields', obfuscatedStream]
] as const;

describe('readChatStream on recorded Azure streams', () => {
	it.each(recorded)('reads %s whole', async (_name, sse) => {
		const { chunks, text } = await collect(streamOf([encoder.encode(sse)]));
		expect(chunks.length).toBe(sse.split('data: ').length - 2); // every event but [DONE]
		expect(chunks[0]?.choices).toEqual([]);
		expect(chunks[0]?.prompt_filter_results?.[0]?.content_filter_results).toBeDefined();
		expect(text.length).toBeGreaterThan(20);
		const finish = chunks.flatMap((c) => c.choices).find((c) => c.finish_reason);
		expect(finish?.finish_reason).toBe('stop');
	});

	it('reports the usage event that comes with empty choices', async () => {
		const { chunks } = await collect(streamOf([encoder.encode(sdkStream)]));
		const last = chunks.at(-1);
		expect(last?.choices).toEqual([]);
		expect(last?.usage?.total_tokens).toBeGreaterThan(0);
	});

	it.each(recorded)(
		'gives the same chunks for %s split at every byte offset',
		async (_n, sse) => {
			const bytes = encoder.encode(sse);
			const whole = await collect(streamOf([bytes]));
			for (let offset = 1; offset < bytes.length; offset++) {
				const split = await collect(streamOf([bytes.subarray(0, offset), bytes.subarray(offset)]));
				if (split.text !== whole.text || split.chunks.length !== whole.chunks.length) {
					throw new Error(`split at byte ${offset} changed the result`);
				}
			}
			expect(whole.chunks.length).toBeGreaterThan(0);
		},
		120_000
	);

	it('reads a stream delivered one byte at a time, with multi-byte characters', async () => {
		const sse =
			'data: {"choices":[],"prompt_filter_results":[]}\n\n' +
			'data: {"choices":[{"index":0,"delta":{"content":"Grüße 👋"}}]}\n\n' +
			'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n' +
			'data: [DONE]\n\n';
		const bytes = encoder.encode(sse);
		const parts = Array.from(bytes, (b) => Uint8Array.of(b));
		const { text } = await collect(streamOf(parts));
		expect(text).toBe('Grüße 👋');
	});
});

describe('readChatStream failures', () => {
	it('throws stream-dropped after yielding what arrived when [DONE] never comes', async () => {
		const chunks: ChatChunk[] = [];
		const sse = 'data: {"choices":[{"index":0,"delta":{"content":"partial"}}]}\n\n';
		const error = await (async () => {
			for await (const chunk of readChatStream(streamOf([encoder.encode(sse)]))) chunks.push(chunk);
		})().catch((e: unknown) => e);
		expect(chunks[0]?.choices[0]?.delta?.content).toBe('partial');
		expect(error).toMatchObject({ kind: 'stream-dropped' });
	});

	it('throws stream-dropped when the connection errors mid-stream', async () => {
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(encoder.encode('data: {"choices":[]}\n\n'));
				controller.error(new TypeError('network error'));
			}
		});
		await expect(collect(body)).rejects.toMatchObject({ kind: 'stream-dropped' });
	});

	it('throws stream-malformed for an event that is not JSON', async () => {
		const body = streamOf([encoder.encode('data: {"choices":[\n\ndata: [DONE]\n\n')]);
		await expect(collect(body)).rejects.toMatchObject({ kind: 'stream-malformed' });
	});

	it('turns an error event inside the stream into an AzureError', async () => {
		const body = streamOf([
			encoder.encode(
				'data: {"error":{"code":"server_error","message":"The server had an error"}}\n\n'
			)
		]);
		await expect(collect(body)).rejects.toMatchObject({
			kind: 'server',
			message: 'The server had an error'
		});
	});

	it('ignores fields it does not know', async () => {
		const body = streamOf([
			encoder.encode(
				'data: {"choices":[{"index":0,"delta":{"content":"a","new_thing":1}}],"obfuscation":"zz","future":{}}\n\ndata: [DONE]\n\n'
			)
		]);
		const { text } = await collect(body);
		expect(text).toBe('a');
	});
});

describe('asChatChunk', () => {
	it('accepts Azure chunk shapes and refuses wrong types', () => {
		expect(
			asChatChunk({ choices: [], prompt_filter_results: [{ prompt_index: 0 }] })
		).toBeDefined();
		expect(
			asChatChunk({ usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } })
		).toEqual({
			choices: [],
			usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }
		});
		expect(asChatChunk({ choices: [{ index: 0, delta: { content: 5 } }] })).toBeUndefined();
		expect(asChatChunk({ choices: [{ delta: {} }] })).toBeUndefined();
		expect(asChatChunk({ choices: 'x' })).toBeUndefined();
		expect(
			asChatChunk({ choices: [{ index: 0, delta: { tool_calls: [{ id: 'x' }] } }] })
		).toBeUndefined();
		expect(asChatChunk([])).toBeUndefined();
	});
});

describe('carriesText', () => {
	it("finds the first event with the reply's text in real streams, after Azure's annotations and the role", async () => {
		for (const [, raw] of recorded) {
			const { chunks } = await collect(streamOf([encoder.encode(raw)]));
			const first = chunks.findIndex(carriesText);
			expect(first).toBeGreaterThan(0);
			expect(chunks[first]?.choices[0]?.delta?.content).toBeTruthy();
			expect(chunks.slice(0, first).every((c) => !c.choices.some((x) => x.delta?.content))).toBe(
				true
			);
		}
	});

	it('counts a function call or a refusal as the reply starting', () => {
		const call = { index: 0, id: 'c', function: { name: 'f', arguments: '' } };
		expect(carriesText({ choices: [{ index: 0, delta: { tool_calls: [call] } }] })).toBe(true);
		expect(carriesText({ choices: [{ index: 0, delta: { refusal: 'No' } }] })).toBe(true);
		expect(
			carriesText({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })
		).toBe(false);
	});
});
