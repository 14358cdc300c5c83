// Long recordings and video files: prepared in a worker (prepare.worker.ts) into WAV parts the
// service takes. Small audio files the service reads are sent as they are, without loading it.
import { AUDIO_EXTENSIONS, MAX_AUDIO_BYTES } from '$lib/model/transcripts';
import { MAX_PART_BYTES, type AudioPart } from './split';

export interface PrepareRequest {
	file: Blob;
	maxPartBytes: number;
}
export type PrepareReply =
	| { type: 'progress'; progress: number }
	| { type: 'done'; parts: AudioPart[]; duration: number }
	| { type: 'error'; message: string };

/** Video containers: their audio track is taken out rather than the whole file sent. */
const VIDEO_EXTENSIONS = ['mp4', 'mov', 'mkv', 'm4v', 'webm', 'avi', 'mpeg', 'mpg'];

const extensionOf = (name: string) => name.split('.').pop()?.toLowerCase() ?? '';

/**
 * Whether a file goes through preparation: too large for one request, in a container the service
 * does not read, or a video (its picture is most of its bytes, and none of what is heard).
 */
export function needsPreparing(file: { name: string; size: number; type: string }): boolean {
	const extension = extensionOf(file.name);
	if (file.size > MAX_AUDIO_BYTES) return true;
	if (!(AUDIO_EXTENSIONS as readonly string[]).includes(extension)) return true;
	return (
		file.type.startsWith('video/') ||
		(VIDEO_EXTENSIONS.includes(extension) && !file.type.startsWith('audio/'))
	);
}

/** A file that could not be read as audio: said next to the File field. */
export class UnreadableAudio extends Error {}

/**
 * The file's audio as parts under the service's limit, cut at pauses; `onProgress` gets 0–1.
 * Stopping (the signal) ends the worker at once.
 */
export function prepareAudio(
	file: Blob,
	options: {
		signal?: AbortSignal;
		onProgress?: (progress: number) => void;
		maxPartBytes?: number;
	} = {}
): Promise<{ parts: AudioPart[]; duration: number }> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./prepare.worker.ts', import.meta.url), { type: 'module' });
		const stop = () => {
			worker.terminate();
			reject(new DOMException('Stopped.', 'AbortError'));
		};
		if (options.signal?.aborted) return stop();
		options.signal?.addEventListener('abort', stop, { once: true });
		const finish = () => {
			options.signal?.removeEventListener('abort', stop);
			worker.terminate();
		};
		worker.onmessage = (event: MessageEvent<PrepareReply>) => {
			const message = event.data;
			if (message.type === 'progress') return options.onProgress?.(message.progress);
			finish();
			if (message.type === 'done') resolve(message);
			else reject(new UnreadableAudio(message.message));
		};
		worker.onerror = (event) => {
			finish();
			reject(new UnreadableAudio(event.message || 'the audio reader failed to start'));
		};
		worker.postMessage({
			file,
			maxPartBytes: options.maxPartBytes ?? MAX_PART_BYTES
		} satisfies PrepareRequest);
	});
}
