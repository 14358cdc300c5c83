import { bench, describe } from 'vitest';
import { readChatStream } from './sse';

/** A 20,000-token Azure-shaped stream, delivered in 1,000 network chunks. */
function azureStream(tokens: number): Uint8Array[] {
	const events = [
		'data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[]}\n\n'
	];
	for (let i = 0; i < tokens; i++) {
		events.push(
			`data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"delta":{"content":" word${i}"},"finish_reason":null,"index":0,"logprobs":null}],"created":1,"id":"chatcmpl-1","model":"gpt-4o","object":"chat.completion.chunk","obfuscation":"abc"}\n\n`
		);
	}
	events.push('data: [DONE]\n\n');
	const bytes = new TextEncoder().encode(events.join(''));
	const size = Math.ceil(bytes.length / 1000);
	const parts: Uint8Array[] = [];
	for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
	return parts;
}

const parts = azureStream(20_000);

describe('SSE chat stream', () => {
	bench(
		'parse 20,000 tokens',
		async () => {
			const body = new ReadableStream<Uint8Array>({
				start(controller) {
					for (const part of parts) controller.enqueue(part);
					controller.close();
				}
			});
			for await (const chunk of readChatStream(body)) void chunk;
		},
		{ iterations: 5 }
	);
});
