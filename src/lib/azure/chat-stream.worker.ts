/// <reference lib="webworker" />
// Reads a streamed chat completion off the page's main thread: the network reads, the SSE parsing
// and the JSON of every event happen here, and the page receives the events merged, a few times a
// second. See chat-worker.ts for the page's side.
import { streamChat } from './chat';
import { mergeChunks } from './chunk-merge';
import { AzureError, type AzureErrorInit } from './errors';
import type { StreamRequest, WorkerMessage } from './chat-worker';
import { carriesText, type ChatChunk } from './sse';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<StreamRequest>) => {
	const { connection, deployment, body, intervalMs } = event.data;
	let pending: ChatChunk[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;
	let last = -Infinity;
	let texted = false;
	const flush = () => {
		clearTimeout(timer);
		timer = undefined;
		if (!pending.length) return;
		last = performance.now();
		post({ type: 'chunk', chunk: mergeChunks(pending) });
		pending = [];
	};
	try {
		await streamChat(connection, {
			deployment,
			body,
			onChunk: (chunk) => {
				pending.push(chunk);
				// The first event, and the first with text, go at once (the page times the first
				// token by it); later ones wait for the interval to pass.
				if (!texted && carriesText(chunk)) {
					texted = true;
					return flush();
				}
				if (timer) return;
				const wait = last + intervalMs - performance.now();
				if (wait <= 0) flush();
				else timer = setTimeout(flush, wait);
			}
		});
		flush();
		post({ type: 'done' });
	} catch (error) {
		flush();
		post({ type: 'error', error: errorInit(error) });
	}
};

/** The error as data the page can rebuild: an AzureError's fields, or just the message. */
function errorInit(error: unknown): AzureErrorInit | { message: string } {
	if (!(error instanceof AzureError)) {
		return { message: error instanceof Error ? error.message : String(error) };
	}
	const { kind, message, status, code, param, contentFilter, retryAfterSeconds, rawBody } = error;
	return { kind, message, status, code, param, contentFilter, retryAfterSeconds, rawBody };
}
