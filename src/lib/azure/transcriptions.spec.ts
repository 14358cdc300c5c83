import { describe, expect, it } from 'vitest';
import { buildTranscriptionForm, parseTranscript } from './transcriptions';
import verbose from './fixtures/transcription-verbose-json.json?raw';

const options = {
	format: 'json' as const,
	language: '',
	prompt: '',
	temperature: '',
	granularities: []
};

describe('buildTranscriptionForm', () => {
	it('sends only the fields that are set', () => {
		const form = buildTranscriptionForm(new Blob(['x']), 'a.wav', options);
		expect([...form.keys()].sort()).toEqual(['file', 'response_format']);
	});

	it('sends language, prompt, temperature and granularities with verbose_json', () => {
		const form = buildTranscriptionForm(new Blob(['x']), 'a.wav', {
			format: 'verbose_json',
			language: 'de',
			prompt: 'Names: Anke',
			temperature: '0.2',
			granularities: ['word', 'segment']
		});
		expect(form.get('language')).toBe('de');
		expect(form.get('prompt')).toBe('Names: Anke');
		expect(form.get('temperature')).toBe('0.2');
		expect(form.getAll('timestamp_granularities[]')).toEqual(['word', 'segment']);
	});
});

describe('parseTranscript', () => {
	it('reads the recorded verbose_json with language, duration and segments', () => {
		const t = parseTranscript('verbose_json', verbose);
		expect(t.language).toBe('english');
		expect(t.duration).toBeGreaterThan(0);
		expect(t.cues?.length).toBeGreaterThan(0);
		expect(t.text.length).toBeGreaterThan(10);
	});

	it('reads srt and vtt into cues and keeps the raw text', () => {
		const srt = '1\n00:00:00,000 --> 00:00:01,500\nHello\n';
		expect(parseTranscript('srt', srt)).toEqual({
			format: 'srt',
			text: 'Hello',
			raw: srt,
			cues: [{ start: 0, end: 1.5, text: 'Hello' }]
		});
		expect(parseTranscript('text', 'Hi there\n').text).toBe('Hi there');
		expect(() => parseTranscript('json', '<html>')).toThrow();
	});
});

describe('parseTranscript with subtitles the service garbled', () => {
	it('says the answer was not subtitles, keeping the raw text to show', () => {
		for (const raw of ['WEBVTT\n\nhello there', '1\n00:00:xx --> 00:00:02,000\nhi']) {
			expect(() => parseTranscript('vtt', raw)).toThrowError(
				expect.objectContaining({ kind: 'unexpected-response', rawBody: raw })
			);
		}
	});
});
