/// <reference lib="webworker" />
// The inside of a stream worker: reads a streamed chat completion off the page's main thread (the
// network reads, the SSE parsing and the JSON of every event), and hands the page the events
// merged, a few times a second. See chat-worker.ts for the page's side; a worker's entry module
// (src/routes/ask/chat-stream.worker.ts) calls serveStreams.
import { streamChat } from './chat';
import { mergeChunks } from './chunk-merge';
import { AzureError, type AzureErrorInit } from './errors';
import type { StreamRequest, WorkerMessage } from './chat-worker';
import { carriesText, type ChatChunk } from './sse';

/**
 * What the worker adds to one stream, from the request's `annotate` options: something with each
 * merged event it hands over (`add`), and, once the stream has ended, what was still under way
 * (`finish`, awaited before the page hears that the stream is done). The page hears both through
 * `onAnnotation` (chat-worker.ts).
 */
export type Annotator = (options: unknown) => {
	add: (chunk: ChatChunk) => unknown;
	finish?: () => Promise<unknown>;
};

/** Serves the page's stream requests in this worker, each merged event annotated by `annotator`. */
export function serveStreams(annotator?: Annotator): void {
	const scope = self as unknown as DedicatedWorkerGlobalScope;
	scope.onmessage = (event: MessageEvent<StreamRequest>) =>
		serve(event.data, (message) => scope.postMessage(message), annotator);
}

async function serve(
	request: StreamRequest,
	post: (message: WorkerMessage) => void,
	annotator: Annotator | undefined
): Promise<void> {
	const { connection, deployment, body, intervalMs } = request;
	const annotate =
		annotator && request.annotate !== undefined ? annotator(request.annotate) : undefined;
	let pending: ChatChunk[] = [];
	let timer: ReturnType<typeof setTimeout> | undefined;
	let last = -Infinity;
	let texted = false;
	const flush = () => {
		clearTimeout(timer);
		timer = undefined;
		if (!pending.length) return;
		last = performance.now();
		const chunk = mergeChunks(pending);
		let annotation: unknown;
		try {
			annotation = annotate?.add(chunk);
		} catch {
			// An annotation is extra: the page does without it, never without the reply.
		}
		post({ type: 'chunk', chunk, ...(annotation !== undefined ? { annotation } : {}) });
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
		const finished = await annotate?.finish?.().catch(() => undefined);
		if (finished !== undefined) post({ type: 'annotation', annotation: finished });
		post({ type: 'done' });
	} catch (error) {
		flush();
		post({ type: 'error', error: errorInit(error) });
	}
}

/** The error as data the page can rebuild: an AzureError's fields, or just the message. */
function errorInit(error: unknown): AzureErrorInit | { message: string } {
	if (!(error instanceof AzureError)) {
		return { message: error instanceof Error ? error.message : String(error) };
	}
	const { kind, message, status, code, param, contentFilter, retryAfterSeconds, rawBody } = error;
	return { kind, message, status, code, param, contentFilter, retryAfterSeconds, rawBody };
}
