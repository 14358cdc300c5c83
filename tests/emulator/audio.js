// @ts-check
// Audio transcriptions and translations: whisper's five response formats, gpt-4o-transcribe's
// two, timed to the real length of the audio received (read by mediabunny from any container it
// knows: wav, webm, ogg, mp3, mp4, flac, ...).
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { checkNumber, invalid, operationNotSupported, tooLarge } from './errors.js';
import { makeTranscript, toSrt, toVtt, wavDuration } from './transcript.js';

export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
const AUDIO_EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];

/**
 * @typedef {{ status: number, type: 'json', body: object } | { status: number, type: 'text', body: string }} Answer
 */

/**
 * Seconds of audio in these bytes, or undefined when no container mediabunny knows holds audio.
 * @param {Uint8Array} bytes
 */
export async function audioDuration(bytes) {
	const fromHeader = wavDuration(bytes);
	if (fromHeader !== undefined) return fromHeader;
	const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
	try {
		const track = await input.getPrimaryAudioTrack();
		return track ? await track.computeDuration() : undefined;
	} catch {
		return undefined;
	} finally {
		input.dispose();
	}
}

/**
 * @param {import('./http.js').Seen} seen the request; its `audioSeconds` is set to what was heard
 * @param {Record<string, Blob>} files @param {import('./deployments.js').AudioDeployment} deployment
 * @param {{ preview: boolean, translate?: boolean, sentences?: string[] }} options `sentences`: what
 *   to "hear" instead of the emulator's own
 * @returns {Promise<Answer>}
 */
export async function transcribe(seen, files, deployment, options) {
	const { preview, translate = false, sentences } = options;
	const form = seen.form;
	if (!form) throw invalid('Content-Type must be multipart/form-data.', null);
	// Translation into English is whisper's alone.
	if (translate && deployment.family !== 'whisper') {
		throw operationNotSupported('audioTranslation', deployment.model);
	}
	const file = files.file;
	const info = form.file;
	if (!file || typeof info !== 'object') {
		throw invalid("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
	}
	if (file.size > MAX_AUDIO_BYTES) throw tooLarge(MAX_AUDIO_BYTES, file.size);
	const extension = info.filename.split('.').pop()?.toLowerCase() ?? '';
	if (!AUDIO_EXTENSIONS.includes(extension)) {
		throw invalid(
			`Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXTENSIONS)}`,
			'file',
			'invalid_value'
		);
	}
	const field = (/** @type {string} */ name) =>
		typeof form[name] === 'string' ? /** @type {string} */ (form[name]) : undefined;
	const format = field('response_format') ?? 'json';
	const formats =
		deployment.family === 'whisper'
			? ['json', 'text', 'srt', 'verbose_json', 'vtt']
			: ['json', 'text'];
	if (!formats.includes(format)) {
		throw invalid(
			`response_format '${format}' is not compatible with model '${deployment.model}'. Use 'json' or 'text'.`,
			'response_format',
			'unsupported_value'
		);
	}
	const temperature = field('temperature');
	if (temperature !== undefined) checkNumber(Number(temperature), 'temperature', 0, 1);
	const language = field('language');
	if (language !== undefined && !/^[a-z]{2,3}$/.test(language)) {
		throw invalid(
			`Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`,
			'language',
			'invalid_value'
		);
	}
	const granularities = field('timestamp_granularities[]');
	if (granularities !== undefined) {
		if (!preview)
			throw invalid('Unrecognized request argument supplied: timestamp_granularities[]', null);
		if (format !== 'verbose_json') {
			throw invalid(
				'timestamp_granularities requires response_format=verbose_json',
				'timestamp_granularities'
			);
		}
	}
	const bytes = new Uint8Array(await file.arrayBuffer());
	// Bytes no container holds (a test's stand-in file) are heard as Azure's own sample, 11.97 s.
	const seconds = (await audioDuration(bytes)) ?? 11.97;
	seen.audioSeconds = seconds;
	const transcript = makeTranscript(seconds, {
		...(translate ? { language: 'en' } : language ? { language } : {}),
		...(temperature !== undefined ? { temperature: Number(temperature) } : {}),
		...(sentences ? { sentences } : {})
	});
	const text = (/** @type {string} */ body) => ({
		status: 200,
		type: /** @type {const} */ ('text'),
		body
	});
	switch (format) {
		case 'text':
			return text(`${transcript.text}\n`);
		case 'srt':
			return text(toSrt(transcript.segments));
		case 'vtt':
			return text(toVtt(transcript.segments));
		case 'verbose_json': {
			const wanted = granularities?.split(',') ?? ['segment'];
			return {
				status: 200,
				type: 'json',
				body: {
					task: translate ? 'translate' : 'transcribe',
					language: transcript.language,
					duration: transcript.duration,
					text: transcript.text,
					...(wanted.includes('word') ? { words: transcript.words } : {}),
					...(wanted.includes('segment') ? { segments: transcript.segments } : {})
				}
			};
		}
		default:
			return { status: 200, type: 'json', body: { text: transcript.text } };
	}
}
