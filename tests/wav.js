// @ts-check
/**
 * A real 16-bit WAV of `seconds` (mono unless `channels` says): silence, or a sine tone at `toneHz`.
 * The emulator reads its length from the header, so transcripts are timed to it.
 * @param {number} seconds @param {{ rate?: number, toneHz?: number, channels?: number }} [options]
 * @returns {Buffer<ArrayBuffer>}
 */
export function wav(seconds, options = {}) {
	const rate = options.rate ?? 16000;
	const channels = options.channels ?? 1;
	const samples = Math.round(seconds * rate);
	const bytes = Buffer.alloc(44 + samples * 2 * channels);
	bytes.write('RIFF', 0);
	bytes.writeUInt32LE(36 + samples * 2 * channels, 4);
	bytes.write('WAVEfmt ', 8);
	bytes.writeUInt32LE(16, 16);
	bytes.writeUInt16LE(1, 20);
	bytes.writeUInt16LE(channels, 22);
	bytes.writeUInt32LE(rate, 24);
	bytes.writeUInt32LE(rate * 2 * channels, 28);
	bytes.writeUInt16LE(2 * channels, 32);
	bytes.writeUInt16LE(16, 34);
	bytes.write('data', 36);
	bytes.writeUInt32LE(samples * 2 * channels, 40);
	const hz = channels === 1 ? options.toneHz : undefined;
	if (hz) {
		for (let i = 0; i < samples; i++) {
			bytes.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
		}
	}
	return bytes;
}

/**
 * A speech-like recording: bursts of a wavering tone (4–7 s, like phrases) each followed by a
 * pause (0.6–1.5 s) of near silence, as 16-bit mono WAV. Returns where the pauses are, so a test
 * can tell whether a cut fell in one.
 * @param {number} seconds @param {{ rate?: number }} [options]
 * @returns {{ bytes: Buffer<ArrayBuffer>, pauses: [number, number][] }}
 */
export function speechLike(seconds, options = {}) {
	const rate = options.rate ?? 16000;
	const bytes = wav(seconds, { rate });
	const samples = new Int16Array(bytes.buffer, bytes.byteOffset + 44, Math.round(seconds * rate));
	/** @type {[number, number][]} */
	const pauses = [];
	let t = 0;
	for (let n = 0; t < seconds; n++) {
		const phrase = 4 + ((n * 7) % 4) + ((n * 13) % 10) / 10;
		const pause = 0.6 + ((n * 3) % 10) / 10;
		const end = Math.min(seconds, t + phrase);
		for (let i = Math.round(t * rate); i < Math.round(end * rate); i++) {
			// A voice-like pitch that wavers, in syllables of about a fifth of a second.
			const syllable = 0.55 + 0.45 * Math.sin((2 * Math.PI * 5 * i) / rate);
			samples[i] = Math.round(
				Math.sin((2 * Math.PI * (160 + 40 * Math.sin(i / rate)) * i) / rate) * 9000 * syllable
			);
		}
		// A little room noise in the pause.
		for (let i = Math.round(end * rate); i < Math.min(seconds, end + pause) * rate; i++) {
			samples[i] = ((i * 7919) % 61) - 30;
		}
		pauses.push([end, end + pause]);
		t = end + pause;
	}
	return { bytes, pauses };
}
