import { describe, expect, it } from 'vitest';
import { guessTranscriptionFamily } from '$lib/model/transcripts';
import { checkAudioFile, FORMATS, supportsGranularities } from './transcribe-form';

describe('format rules per model family', () => {
	it('offers every format to whisper and only json and text to gpt-4o-transcribe', () => {
		expect(FORMATS.whisper).toEqual(['json', 'text', 'srt', 'verbose_json', 'vtt']);
		expect(FORMATS['gpt-4o-transcribe']).toEqual(['json', 'text']);
		expect(guessTranscriptionFamily('gpt-4o-mini-transcribe')).toBe('gpt-4o-transcribe');
		expect(guessTranscriptionFamily('my-whisper')).toBe('whisper');
		expect(supportsGranularities('2024-10-21')).toBe(false);
		expect(supportsGranularities('2025-04-01-preview')).toBe(true);
	});
});

describe('checkAudioFile', () => {
	it('refuses other types and anything over 25 MB, saying why', () => {
		expect(checkAudioFile({ name: 'talk.WAV', size: 1000 })).toBeUndefined();
		expect(checkAudioFile({ name: 'notes.txt', size: 10 })).toMatch(/not an audio or video file/);
		expect(checkAudioFile({ name: 'long.mp3', size: 30 * 1024 * 1024 })).toMatch(
			/30\.0 MB; the service takes at most 25 MB/
		);
	});
});
