// @ts-check

/** Sentences the emulator "hears": it cannot listen, so it returns these, timed to the audio's length. */
const SENTENCES = [
	'This transcript comes from the Cerulean emulator.',
	'It does not listen to the audio you sent.',
	'It returns text of the right shape for every response format.',
	'Segments are spread evenly over the length of the recording.',
	'Real Azure deployments return what was actually said.'
];

const LANGUAGE_NAMES = /** @type {Record<string, string>} */ ({
	en: 'english',
	de: 'german',
	fr: 'french',
	es: 'spanish',
	it: 'italian',
	ja: 'japanese',
	nl: 'dutch',
	pt: 'portuguese',
	zh: 'chinese'
});

/**
 * Seconds of audio in a WAV file, or undefined when the bytes are not a WAV the emulator can read.
 * @param {Uint8Array} bytes
 */
export function wavDuration(bytes) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const tag = (/** @type {number} */ at) =>
		String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
	if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
	let byteRate = 0;
	for (let at = 12; at + 8 <= bytes.length;) {
		const size = view.getUint32(at + 4, true);
		if (tag(at) === 'fmt ') byteRate = view.getUint32(at + 16, true);
		if (tag(at) === 'data' && byteRate > 0) return size / byteRate;
		at += 8 + size + (size % 2);
	}
	return undefined;
}

/**
 * @param {number} duration seconds
 * @param {{ language?: string, words?: boolean, temperature?: number, sentences?: string[] }} options
 *   `sentences`: what the emulator "hears" instead of its own.
 */
export function makeTranscript(duration, options = {}) {
	const sentences = options.sentences ?? SENTENCES;
	const count = Math.max(1, Math.min(sentences.length, Math.ceil(duration / 3)));
	const span = duration / count;
	const segments = sentences.slice(0, count).map((sentence, id) => {
		const start = round(id * span);
		const end = round((id + 1) * span);
		return {
			id,
			seek: Math.floor(start * 100),
			start,
			end,
			text: ` ${sentence}`,
			tokens: sentence.split(' ').map((_, i) => 50364 + id * 20 + i),
			temperature: options.temperature ?? 0,
			avg_logprob: -0.21,
			compression_ratio: 1.3,
			no_speech_prob: 0.01
		};
	});
	const text = segments.map((s) => s.text.trim()).join(' ');
	const words = segments.flatMap((s) => {
		const list = s.text.trim().split(' ');
		const step = (s.end - s.start) / list.length;
		return list.map((word, i) => ({
			word: word.replace(/[.,]$/, ''),
			start: round(s.start + i * step),
			end: round(s.start + (i + 1) * step)
		}));
	});
	const language = LANGUAGE_NAMES[options.language ?? 'en'] ?? 'english';
	return { text, segments, words, language, duration: round(duration) };
}

/** @param {number} n */
function round(n) {
	return Math.round(n * 100) / 100;
}

/** @param {number} seconds @param {string} separator */
function timestamp(seconds, separator) {
	const ms = Math.round(seconds * 1000);
	const h = Math.floor(ms / 3_600_000);
	const m = Math.floor((ms % 3_600_000) / 60_000);
	const s = Math.floor((ms % 60_000) / 1000);
	const pad = (/** @type {number} */ n, w = 2) => String(n).padStart(w, '0');
	return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** @param {{ start: number, end: number, text: string }[]} segments */
export function toSrt(segments) {
	return segments
		.map(
			(s, i) =>
				`${i + 1}\n${timestamp(s.start, ',')} --> ${timestamp(s.end, ',')}\n${s.text.trim()}\n`
		)
		.join('\n');
}

/** @param {{ start: number, end: number, text: string }[]} segments */
export function toVtt(segments) {
	return `WEBVTT\n\n${segments
		.map((s) => `${timestamp(s.start, '.')} --> ${timestamp(s.end, '.')}\n${s.text.trim()}\n`)
		.join('\n')}`;
}
