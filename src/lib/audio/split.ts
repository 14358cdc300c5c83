// Cutting long audio into parts the service takes, at quiet moments, as 16 kHz mono WAV.
//
// Whisper hears 16 kHz mono (it resamples everything it gets to that), so nothing it would use is
// lost, and 16-bit PCM needs no encoder: a part is a 44-byte header and a slice of the samples.
// At 32,000 bytes a second, 24 MB holds 13 minutes, also under gpt-4o-transcribe's 25 minutes.

export const SAMPLE_RATE = 16_000;
const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;
/** The service's limit is 25 MB a request; a part stays under 24 MB, leaving room for the form. */
export const MAX_PART_BYTES = 24 * 1024 * 1024;
/** How far from the even split a cut may move to find a pause. */
export const SEARCH_SECONDS = 15;
/** Loudness is measured over windows this long... */
const WINDOW_SECONDS = 0.05;
/** ...and a pause is the quietest stretch of this many windows (0.4 s). */
const PAUSE_WINDOWS = 8;

export const maxPartSeconds = (maxBytes = MAX_PART_BYTES): number =>
	Math.floor((maxBytes - HEADER_BYTES) / (SAMPLE_RATE * BYTES_PER_SAMPLE));

/** Mean absolute amplitude of each window of `samples`. */
export function loudness(samples: Int16Array, windowSamples: number): Float32Array {
	const windows = new Float32Array(Math.ceil(samples.length / windowSamples));
	for (let w = 0; w < windows.length; w++) {
		const end = Math.min(samples.length, (w + 1) * windowSamples);
		let sum = 0;
		for (let i = w * windowSamples; i < end; i++) {
			const s = samples[i]!;
			sum += s < 0 ? -s : s;
		}
		windows[w] = sum / Math.max(1, end - w * windowSamples);
	}
	return windows;
}

/**
 * Where to cut, in samples from the start (neither 0 nor the end): parts of about equal length,
 * none longer than `maxSeconds`, each cut moved within `searchSeconds` to the middle of the
 * quietest stretch there, so a word is not cut where a pause is near.
 */
export function findCuts(
	samples: Int16Array,
	sampleRate = SAMPLE_RATE,
	maxSeconds = maxPartSeconds(),
	searchSeconds = SEARCH_SECONDS
): number[] {
	const total = samples.length;
	const maxSamples = Math.floor(maxSeconds * sampleRate);
	if (total <= maxSamples) return [];
	const search = Math.min(searchSeconds, maxSeconds / 4) * sampleRate;
	const parts = Math.ceil(total / (maxSamples - 2 * search));
	const even = total / parts;
	const windowSamples = Math.round(WINDOW_SECONDS * sampleRate);
	const level = loudness(samples, windowSamples);
	const cuts: number[] = [];
	let previous = 0;
	for (let k = 1; k < parts; k++) {
		const ideal = k * even;
		const from = Math.max(previous + windowSamples, ideal - search);
		const to = Math.min(previous + maxSamples, ideal + search, total - windowSamples);
		// The quietest run of PAUSE_WINDOWS windows between from and to; ties go to the nearest.
		const first = Math.ceil(from / windowSamples);
		const last = Math.floor(to / windowSamples) - PAUSE_WINDOWS;
		let best = Math.round(ideal);
		let bestLevel = Infinity;
		let run = 0;
		for (let w = first; w < first + PAUSE_WINDOWS && w < level.length; w++) run += level[w]!;
		for (let w = first; w <= last; w++) {
			const centre = (w + PAUSE_WINDOWS / 2) * windowSamples;
			if (
				run < bestLevel - 1e-9 ||
				(run <= bestLevel + 1e-9 && Math.abs(centre - ideal) < Math.abs(best - ideal))
			) {
				bestLevel = run;
				best = centre;
			}
			run += (level[w + PAUSE_WINDOWS] ?? 0) - level[w]!;
		}
		best = Math.min(Math.max(best, previous + windowSamples), previous + maxSamples);
		cuts.push(best);
		previous = best;
	}
	return cuts;
}

/** A WAV header for 16-bit mono PCM of `samples` samples. */
export function wavHeader(samples: number, sampleRate = SAMPLE_RATE): ArrayBuffer {
	const header = new ArrayBuffer(HEADER_BYTES);
	const view = new DataView(header);
	const text = (at: number, value: string) =>
		[...value].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
	const bytes = samples * BYTES_PER_SAMPLE;
	text(0, 'RIFF');
	view.setUint32(4, 36 + bytes, true);
	text(8, 'WAVEfmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, 1, true);
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * BYTES_PER_SAMPLE, true);
	view.setUint16(32, BYTES_PER_SAMPLE, true);
	view.setUint16(34, 16, true);
	text(36, 'data');
	view.setUint32(40, bytes, true);
	return header;
}

/** The 16-bit samples of a WAV file (the first data chunk), wherever its chunks put them. */
export function wavSamples(wav: ArrayBuffer): {
	samples: Int16Array<ArrayBuffer>;
	sampleRate: number;
} {
	const view = new DataView(wav);
	const tag = (at: number) =>
		String.fromCharCode(...new Uint8Array(wav, at, Math.min(4, wav.byteLength - at)));
	if (wav.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
		throw new Error('not a WAV file');
	}
	let sampleRate = SAMPLE_RATE;
	for (let at = 12; at + 8 <= wav.byteLength;) {
		const size = view.getUint32(at + 4, true);
		if (tag(at) === 'fmt ') sampleRate = view.getUint32(at + 12, true);
		if (tag(at) === 'data') {
			const start = at + 8;
			const length = Math.floor(Math.min(size, wav.byteLength - start) / BYTES_PER_SAMPLE);
			// Int16Array needs an even offset; a chunk at an odd one is copied.
			const samples =
				start % 2 === 0
					? new Int16Array(wav, start, length)
					: new Int16Array(wav.slice(start, start + length * BYTES_PER_SAMPLE));
			return { samples, sampleRate };
		}
		at += 8 + size + (size % 2);
	}
	throw new Error('a WAV file without audio data');
}

export interface AudioPart {
	/** Seconds from the start of the whole recording. */
	start: number;
	end: number;
	blob: Blob;
}

/** The recording as WAV parts cut at `cuts` (one part when there are none). */
export function wavParts(
	samples: Int16Array<ArrayBuffer>,
	cuts: readonly number[],
	sampleRate = SAMPLE_RATE
): AudioPart[] {
	const bounds = [0, ...cuts, samples.length];
	return bounds.slice(1).map((end, i) => {
		const start = bounds[i]!;
		return {
			start: start / sampleRate,
			end: end / sampleRate,
			blob: new Blob([wavHeader(end - start, sampleRate), samples.subarray(start, end)], {
				type: 'audio/wav'
			})
		};
	});
}
