import { describe, expect, it } from 'vitest';
import { parseCues } from '$lib/transcripts/subtitles';
import { partPrompt, promptTail, stitch } from './stitch';
import type { Transcript } from '$lib/model/transcripts';

const verbose = (text: string, segments: [number, number, string][]): Transcript => {
	const body = {
		task: 'transcribe',
		language: 'english',
		duration: segments.at(-1)![1],
		text,
		words: segments.map(([start, end, t]) => ({ word: t.split(' ')[0], start, end })),
		segments: segments.map(([start, end, t], id) => ({
			id,
			seek: Math.round(start * 100),
			start,
			end,
			text: ` ${t}`,
			tokens: [1, 2],
			avg_logprob: -0.2
		}))
	};
	return {
		format: 'verbose_json',
		text,
		raw: JSON.stringify(body),
		language: 'english',
		duration: body.duration,
		cues: segments.map(([start, end, t]) => ({ start, end, text: t })),
		words: body.words.map((w) => ({ start: w.start, end: w.end, text: w.word! }))
	};
};

describe('stitching the parts of a long recording', () => {
	const parts = [
		{
			offset: 0,
			transcript: verbose('One two. Three.', [
				[0, 300, 'One two.'],
				[300, 600.5, 'Three.']
			])
		},
		{ offset: 600.5, transcript: verbose('Four five.', [[0, 200, 'Four five.']]) }
	];

	it('moves every timestamp by where its part starts and numbers segments through', () => {
		const whole = stitch('verbose_json', parts, 800.5);
		expect(whole.text).toBe('One two. Three. Four five.');
		expect(whole.cues?.map((c) => [c.start, c.end])).toEqual([
			[0, 300],
			[300, 600.5],
			[600.5, 800.5]
		]);
		expect(whole.words?.at(-1)).toEqual({ start: 600.5, end: 800.5, text: 'Four' });
		const body = JSON.parse(whole.raw);
		expect(body.duration).toBe(800.5);
		expect(body.segments.map((s: { id: number }) => s.id)).toEqual([0, 1, 2]);
		expect(body.segments[2]).toMatchObject({
			start: 600.5,
			end: 800.5,
			seek: 60050,
			tokens: [1, 2]
		});
		expect(body.words[2]).toEqual({ word: 'Four', start: 600.5, end: 800.5 });
	});

	it('writes SRT numbered through and timed across the whole file', () => {
		const srt = (transcript: Transcript, offset: number) => ({ offset, transcript });
		const cue = (cues: [number, number, string][]): Transcript => ({
			format: 'srt',
			text: cues.map((c) => c[2]).join(' '),
			raw: '',
			cues: cues.map(([start, end, text]) => ({ start, end, text }))
		});
		const whole = stitch(
			'srt',
			[
				srt(
					cue([
						[0, 5, 'a'],
						[5, 9, 'b']
					]),
					0
				),
				srt(cue([[0, 4, 'c']]), 9)
			],
			13
		);
		expect(whole.raw).toContain('3\n00:00:09,000 --> 00:00:13,000\nc');
		expect(parseCues(whole.raw).map((c) => c.start)).toEqual([0, 5, 9]);
	});

	it('leaves a recording sent whole as the service answered', () => {
		const only = parts[0]!;
		expect(stitch('verbose_json', [only], 600.5)).toBe(only.transcript);
	});

	it('prompts each part with the end of the part before, after the person’s own prompt', () => {
		const before = 'word '.repeat(200).trim();
		const tail = promptTail(before);
		expect(tail.length).toBeLessThanOrEqual(300);
		expect(tail.startsWith('word')).toBe(true);
		expect(partPrompt('Names: Cerulean.', before)).toBe(`Names: Cerulean. ${tail}`);
		expect(partPrompt('Names: Cerulean.', undefined)).toBe('Names: Cerulean.');
		expect(partPrompt('', 'Short text.')).toBe('Short text.');
	});
});
