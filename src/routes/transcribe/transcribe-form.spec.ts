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
	it('takes audio and video of any size, and refuses other files, saying why', () => {
		expect(checkAudioFile({ name: 'talk.WAV' })).toBeUndefined();
		expect(checkAudioFile({ name: 'meeting.mov' })).toBeUndefined();
		expect(checkAudioFile({ name: 'clip', type: 'video/x-matroska' })).toBeUndefined();
		expect(checkAudioFile({ name: 'notes.txt', type: 'text/plain' })).toMatch(
			/not an audio or video file/
		);
	});
});
