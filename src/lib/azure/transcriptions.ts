import type { Connection } from '$lib/model/settings';
import {
	TRANSCRIPTION_PARAMS,
	type Transcript,
	type TranscriptFormat,
	type TranscriptionOptions
} from '$lib/model/transcripts';
import { parseCues } from '$lib/transcripts/subtitles';
import { z } from '$lib/zod';
import { AzureError } from './errors';
import { azureFetch, readAnswer, type AzureRequest } from './request';

/**
 * How long a transcription may take in all before Cerulean gives up: a 25 MB file takes the
 * service a minute or two, so ten minutes means something is stuck.
 */
export const TRANSCRIBE_TIMEOUT_MS = 600_000;

/** The multipart form: the file, and only the fields the user set. */
export function buildTranscriptionForm(
	file: Blob,
	fileName: string,
	options: TranscriptionOptions
): FormData {
	const form = new FormData();
	form.set('file', file, fileName);
	// The fields the parameter table names, each only when set; a prompt is sent as typed.
	for (const row of TRANSCRIPTION_PARAMS) {
		const text = String(options[row.key] ?? '');
		if (text.trim()) form.set(row.wire, row.kind === 'text' ? text : text.trim());
	}
	if (options.format === 'verbose_json') {
		for (const g of options.granularities) form.append('timestamp_granularities[]', g);
	}
	return form;
}

const verboseSchema = z.looseObject({
	text: z.string(),
	language: z.optional(z.string()),
	duration: z.optional(z.number()),
	segments: z.optional(
		z.array(z.looseObject({ start: z.number(), end: z.number(), text: z.string() }))
	),
	words: z.optional(
		z.array(z.looseObject({ word: z.string(), start: z.number(), end: z.number() }))
	)
});

/** Reads the answer in any response format. */
export function parseTranscript(format: TranscriptFormat, raw: string): Transcript {
	if (format === 'text') return { format, text: raw.trim(), raw };
	if (format === 'srt' || format === 'vtt') {
		const notSubtitles = (why: string) =>
			new AzureError({
				kind: 'unexpected-response',
				message: `The answer was not ${format === 'srt' ? 'SRT' : 'WebVTT'} subtitles (${why}).`,
				rawBody: raw.slice(0, 2000)
			});
		let cues;
		try {
			cues = parseCues(raw);
		} catch (error) {
			throw notSubtitles(error instanceof Error ? error.message : String(error));
		}
		if (!cues.length && raw.trim()) throw notSubtitles('no timed cues');
		return { format, text: cues.map((c) => c.text).join(' '), raw, cues };
	}
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		throw new AzureError({
			kind: 'unexpected-response',
			message: 'The transcript was not JSON.',
			rawBody: raw.slice(0, 2000)
		});
	}
	const parsed = verboseSchema.safeParse(json);
	if (!parsed.success) {
		throw new AzureError({
			kind: 'unexpected-response',
			message: 'The answer held no transcript.',
			rawBody: raw.slice(0, 2000)
		});
	}
	const v = parsed.data;
	return {
		format,
		text: v.text,
		raw,
		...(v.language ? { language: v.language } : {}),
		...(v.duration !== undefined ? { duration: v.duration } : {}),
		...(v.segments
			? { cues: v.segments.map((s) => ({ start: s.start, end: s.end, text: s.text.trim() })) }
			: {}),
		...(v.words
			? { words: v.words.map((w) => ({ start: w.start, end: w.end, text: w.word })) }
			: {})
	};
}

/**
 * A fetch that reports upload progress: fetch itself cannot, XMLHttpRequest can.
 * It answers with a real Response, so the request core handles it like any other.
 */
export function progressFetch(onProgress: (sent: number, total: number) => void): typeof fetch {
	return (input, init = {}) =>
		new Promise<Response>((resolve, reject) => {
			const xhr = new XMLHttpRequest();
			xhr.open(init.method ?? 'GET', String(input));
			for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>)) {
				xhr.setRequestHeader(name, value);
			}
			xhr.responseType = 'text';
			xhr.upload.onprogress = (event) => {
				if (event.lengthComputable) onProgress(event.loaded, event.total);
			};
			xhr.onload = () =>
				resolve(
					new Response(xhr.responseText, {
						status: xhr.status,
						headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'text/plain' }
					})
				);
			// Cut after the service had begun to answer: not a network failure but a dropped answer.
			// (On an error the state jumps to DONE, so whether headers came is noted on the way.)
			let answered = false;
			xhr.onreadystatechange = () => {
				if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) answered = true;
			};
			xhr.onerror = () =>
				reject(
					answered
						? new AzureError({
								kind: 'stream-dropped',
								message: 'The connection dropped while the answer was arriving.'
							})
						: new TypeError('Network request failed')
				);
			xhr.onabort = () => reject(new DOMException('The request was cancelled.', 'AbortError'));
			const signal = init.signal;
			if (signal?.aborted) return xhr.abort();
			signal?.addEventListener('abort', () => xhr.abort(), { once: true });
			xhr.send(init.body as XMLHttpRequestBodyInit | null);
		});
}

/** One audio/transcriptions call, or audio/translations (into English, whisper only). */
export async function transcribe(
	connection: Connection,
	request: {
		translate?: boolean;
		deployment: string;
		file: Blob;
		fileName: string;
		options: TranscriptionOptions;
		signal?: AbortSignal;
		onProgress?: (sent: number, total: number) => void;
	}
): Promise<Transcript> {
	// A translation has no language to name: whisper detects it and writes English.
	const options = request.translate ? { ...request.options, language: '' } : request.options;
	const transcribeRequest: AzureRequest = {
		operation: request.translate ? 'audio/translations' : 'audio/transcriptions',
		deployment: request.deployment,
		body: buildTranscriptionForm(request.file, request.fileName, options),
		timeoutMs: TRANSCRIBE_TIMEOUT_MS,
		...(request.signal ? { signal: request.signal } : {}),
		...(request.onProgress ? { fetch: progressFetch(request.onProgress) } : {})
	};
	const response = await azureFetch(connection, transcribeRequest);
	return parseTranscript(request.options.format, await readAnswer(response, transcribeRequest));
}
