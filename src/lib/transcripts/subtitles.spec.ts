import { describe, expect, it } from 'vitest';
import { findLanguages, LANGUAGES } from './languages';
import { cueAt, formatTimestamp, parseCues, parseTimestamp, toSrt, toVtt } from './subtitles';

const SRT = `1
00:00:00,000 --> 00:00:02,330
This transcript comes from the Cerulean emulator.

2
00:00:02,330 --> 00:00:04,670
It does not listen.
Two lines.
`;

const VTT = `WEBVTT

NOTE a comment

00:00.000 --> 00:02.330 align:start
This transcript comes from the Cerulean emulator.

01:00:02.330 --> 01:00:04.670
Later.
`;

describe('subtitles', () => {
	it('parses SRT cues, including multi-line text', () => {
		expect(parseCues(SRT)).toEqual([
			{ start: 0, end: 2.33, text: 'This transcript comes from the Cerulean emulator.' },
			{ start: 2.33, end: 4.67, text: 'It does not listen.\nTwo lines.' }
		]);
	});

	it('parses WebVTT with short timestamps, hours, notes and cue settings', () => {
		expect(parseCues(VTT)).toEqual([
			{ start: 0, end: 2.33, text: 'This transcript comes from the Cerulean emulator.' },
			{ start: 3602.33, end: 3604.67, text: 'Later.' }
		]);
	});

	it('writes SRT and VTT that read back the same', () => {
		const cues = parseCues(SRT);
		expect(toSrt(cues)).toBe(
			SRT.replace('It does not listen.\nTwo lines.\n', 'It does not listen.\nTwo lines.\n')
		);
		expect(parseCues(toSrt(cues))).toEqual(cues);
		expect(toVtt(cues).startsWith('WEBVTT\n\n00:00:00.000 --> 00:00:02.330\n')).toBe(true);
		expect(parseCues(toVtt(cues))).toEqual(cues);
	});

	it('formats and reads timestamps, and finds the cue at a time', () => {
		expect(formatTimestamp(3723.456, ',')).toBe('01:02:03,456');
		expect(parseTimestamp('01:02:03,456')).toBeCloseTo(3723.456);
		expect(() => parseTimestamp('soon')).toThrow();
		const cues = parseCues(SRT);
		expect(cueAt(cues, 3)).toBe(1);
		expect(cueAt(cues, 9)).toBe(-1);
	});
});

describe('languages', () => {
	it('lists Whisper languages with ISO-639-1 codes, searchable by name or code', () => {
		expect(LANGUAGES.length).toBe(57);
		expect(LANGUAGES.every(([code]) => /^[a-z]{2}$/.test(code))).toBe(true);
		expect(findLanguages('germ')).toEqual([['de', 'German']]);
		expect(findLanguages('ja')[0]).toEqual(['ja', 'Japanese']);
		expect(findLanguages('')).toHaveLength(57);
	});
});
