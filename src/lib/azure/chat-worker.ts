import type { Connection } from '$lib/model/settings';
import { STREAM_IDLE_MS, streamChat, streamIdle } from './chat';
import { AzureError, type AzureErrorInit } from './errors';
import { idleWatch } from './request';
import { withToken } from './token-source';
import type { ChatChunk } from './sse';

/** What the page asks of the stream worker. */
export interface StreamRequest {
	connection: Connection;
	deployment: string;
	body: Record<string, unknown>;
	/** The worker hands events over at most this often, merged. */
	intervalMs: number;
	/** Options for the worker's annotator (stream-serve.ts), when the page asked for one. */
	annotate?: unknown;
}

/** What the stream worker tells the page. */
export type WorkerMessage =
	| { type: 'chunk'; chunk: ChatChunk; annotation?: unknown }
	/** What the annotator finished after the last event (stream-serve.ts), before `done`. */
	| { type: 'annotation'; annotation: unknown }
	| { type: 'done' }
	| { type: 'error'; error: AzureErrorInit | { message: string } };

/** Starts a stream worker: its entry module calls serveStreams (stream-serve.ts). */
export type StartWorker = () => Worker;

/** A worker started ahead of the next stream, so sending does not wait for one to start. */
let spare: { start: StartWorker; worker: Worker } | undefined;

function startWorker(start: StartWorker): Worker | undefined {
	try {
		return start();
	} catch {
		return undefined;
	}
}

/** Starts the worker the next stream will use (called when the user begins to write). */
export function warmStreamWorker(start: StartWorker): void {
	if (spare || typeof Worker === 'undefined') return;
	const worker = startWorker(start);
	if (worker) spare = { start, worker };
}

type StreamOptions = Parameters<typeof streamChat>[1] & {
	intervalMs: number;
	/** Starts the worker that reads the stream. */
	worker: StartWorker;
	/** Options for the worker's annotator, and who hears what it adds to each event. */
	annotate?: { options: unknown; onAnnotation: (annotation: unknown) => void };
};

/**
 * streamChat with the stream read in a Web Worker: every network read, SSE event and JSON parse
 * happens off the page's main thread, and `onChunk` hears the events merged at most every
 * `intervalMs`. A test's own fetch, or a browser without module workers, reads on the page instead.
 * Stopping ends the worker, and with it the request. A stream that stays quiet for STREAM_IDLE_MS
 * ends as a `timeout`: watched here, on the page, whose clock is the one tests drive.
 */
export async function streamChatOffThread(
	connection: Connection,
	request: StreamOptions
): Promise<void> {
	const idle = new AbortController();
	const watch = idleWatch(STREAM_IDLE_MS, () => idle.abort());
	try {
		await withToken(connection, (current) =>
			readOffThread(current, {
				...request,
				signal: request.signal ? AbortSignal.any([request.signal, idle.signal]) : idle.signal,
				onChunk: (chunk) => {
					watch.poke();
					request.onChunk(chunk);
				}
			})
		);
	} catch (error) {
		throw idle.signal.aborted && !request.signal?.aborted ? streamIdle() : error;
	} finally {
		watch.stop();
	}
}

function readOffThread(connection: Connection, request: StreamOptions): Promise<void> {
	if (request.fetch || typeof Worker === 'undefined') return streamChat(connection, request);
	const worker = spare?.start === request.worker ? spare.worker : startWorker(request.worker);
	if (spare && spare.worker !== worker) spare.worker.terminate();
	spare = undefined;
	if (!worker) return streamChat(connection, request);
	const { signal, onChunk, annotate } = request;
	return new Promise<void>((resolve, reject) => {
		let heard = false;
		const end = () => {
			worker.terminate();
			signal?.removeEventListener('abort', stop);
		};
		const stop = () => {
			end();
			reject(signal?.reason ?? new DOMException('Stopped', 'AbortError'));
		};
		if (signal?.aborted) return stop();
		signal?.addEventListener('abort', stop, { once: true });
		worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
			heard = true;
			const message = event.data;
			if (message.type === 'chunk') {
				if (message.annotation !== undefined) annotate?.onAnnotation(message.annotation);
				return onChunk(message.chunk);
			}
			if (message.type === 'annotation') return annotate?.onAnnotation(message.annotation);
			end();
			if (message.type === 'done') resolve();
			else {
				const init = message.error;
				reject('kind' in init ? new AzureError(init) : new Error(init.message));
			}
		};
		// The worker's script did not load (offline, or a policy forbids workers): read here.
		worker.onerror = (event) => {
			event.preventDefault();
			end();
			if (heard) reject(new Error(event.message || 'The stream reader stopped.'));
			else streamChat(connection, request).then(resolve, reject);
		};
		const job: StreamRequest = {
			// Plain copies: the page's reactive objects cannot cross to a worker.
			connection: JSON.parse(JSON.stringify(connection)) as Connection,
			deployment: request.deployment,
			body: JSON.parse(JSON.stringify(request.body)) as Record<string, unknown>,
			intervalMs: request.intervalMs,
			...(annotate ? { annotate: annotate.options } : {})
		};
		worker.postMessage(job);
	});
}
