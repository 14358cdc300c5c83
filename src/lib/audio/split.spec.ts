import { describe, expect, it } from 'vitest';
import { findCuts, maxPartSeconds, MAX_PART_BYTES, wavHeader, wavParts, wavSamples } from './split';

const RATE = 16_000;

/** Speech-like: tone bursts of 4–7 s, each followed by a pause of 0.6–1.2 s. */
function speech(seconds: number) {
	const samples = new Int16Array(seconds * RATE);
	const pauses: [number, number][] = [];
	let t = 0;
	let n = 0;
	while (t < seconds) {
		const talk = 4 + ((n * 7) % 4);
		const pause = 0.6 + ((n * 3) % 7) / 10;
		for (let i = Math.round(t * RATE); i < Math.min(seconds, t + talk) * RATE; i++) {
			samples[i] = Math.round(Math.sin(i / 5) * 8000 * (0.6 + 0.4 * Math.sin(i / 900)));
		}
		pauses.push([t + talk, t + talk + pause]);
		t += talk + pause;
		n++;
	}
	return { samples, pauses };
}

describe('cutting long audio at pauses', () => {
	it('cuts parts no longer than allowed, each cut inside a pause', () => {
		const { samples, pauses } = speech(600);
		const cuts = findCuts(samples, RATE, 120, 15);
		expect(cuts.length).toBeGreaterThanOrEqual(4);
		const bounds = [0, ...cuts, samples.length];
		for (let i = 1; i < bounds.length; i++) {
			expect(bounds[i]! - bounds[i - 1]!).toBeLessThanOrEqual(120 * RATE);
		}
		for (const cut of cuts) {
			const at = cut / RATE;
			expect(pauses.some(([from, to]) => at > from && at < to)).toBe(true);
		}
	});

	it('still keeps every part under the limit when nobody pauses', () => {
		const samples = new Int16Array(300 * RATE).map((_, i) => Math.round(Math.sin(i / 3) * 9000));
		const cuts = findCuts(samples, RATE, 100, 15);
		const bounds = [0, ...cuts, samples.length];
		for (let i = 1; i < bounds.length; i++) {
			expect(bounds[i]! - bounds[i - 1]!).toBeGreaterThan(0);
			expect(bounds[i]! - bounds[i - 1]!).toBeLessThanOrEqual(100 * RATE);
		}
	});

	it('leaves audio that fits whole', () => {
		expect(findCuts(new Int16Array(60 * RATE), RATE, 120)).toEqual([]);
	});

	it('makes 24 MB parts of 13 minutes, each a WAV that reads back', async () => {
		expect(maxPartSeconds()).toBe(786);
		const { samples } = speech(30);
		const parts = wavParts(samples, [10 * RATE, 21 * RATE]);
		expect(parts.map((p) => [p.start, p.end])).toEqual([
			[0, 10],
			[10, 21],
			[21, 30]
		]);
		const second = await parts[1]!.blob.arrayBuffer();
		expect(second.byteLength).toBe(44 + 11 * RATE * 2);
		const read = wavSamples(second);
		expect(read.sampleRate).toBe(RATE);
		expect([...read.samples.subarray(0, 5)]).toEqual([
			...samples.subarray(10 * RATE, 10 * RATE + 5)
		]);
		expect(maxPartSeconds() * RATE * 2 + 44).toBeLessThanOrEqual(MAX_PART_BYTES);
	});

	it('finds the samples after other chunks, at an odd offset too', () => {
		const data = new Int16Array([1, -2, 3]);
		const header = new Uint8Array(wavHeader(3));
		// A LIST chunk of 3 bytes (padded to 4) before "data", as some writers put one.
		const list = new Uint8Array(
			[...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0])
		);
		const file = new Uint8Array(header.length + list.length + 6);
		file.set(header.subarray(0, 36));
		file.set(list, 36);
		file.set(header.subarray(36), 36 + list.length);
		file.set(new Uint8Array(data.buffer), 44 + list.length);
		expect([...wavSamples(file.buffer).samples]).toEqual([1, -2, 3]);
	});
});
