// @ts-check
/**
 * A real 16-bit mono WAV of `seconds`: silence, or a sine tone at `toneHz`. The emulator reads its
 * length from the header, so transcripts are timed to it.
 * @param {number} seconds @param {{ rate?: number, toneHz?: number }} [options]
 * @returns {Buffer<ArrayBuffer>}
 */
export function wav(seconds, options = {}) {
	const rate = options.rate ?? 16000;
	const samples = Math.round(seconds * rate);
	const bytes = Buffer.alloc(44 + samples * 2);
	bytes.write('RIFF', 0);
	bytes.writeUInt32LE(36 + samples * 2, 4);
	bytes.write('WAVEfmt ', 8);
	bytes.writeUInt32LE(16, 16);
	bytes.writeUInt16LE(1, 20);
	bytes.writeUInt16LE(1, 22);
	bytes.writeUInt32LE(rate, 24);
	bytes.writeUInt32LE(rate * 2, 28);
	bytes.writeUInt16LE(2, 32);
	bytes.writeUInt16LE(16, 34);
	bytes.write('data', 36);
	bytes.writeUInt32LE(samples * 2, 40);
	const hz = options.toneHz;
	if (hz) {
		for (let i = 0; i < samples; i++) {
			bytes.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
		}
	}
	return bytes;
}
