import { describe, expect, it } from 'vitest';
import { needsPreparing } from './prepare';

const MB = 1024 * 1024;

describe('which files are prepared in the browser first', () => {
	it('sends small audio the service reads as it is', () => {
		expect(needsPreparing({ name: 'talk.mp3', size: 5 * MB, type: 'audio/mpeg' })).toBe(false);
		expect(needsPreparing({ name: 'rec.webm', size: 2 * MB, type: 'audio/webm' })).toBe(false);
		expect(needsPreparing({ name: 'memo.m4a', size: 25 * MB, type: '' })).toBe(false);
	});

	it('prepares what is too large, a video, or a container the service does not read', () => {
		expect(needsPreparing({ name: 'talk.mp3', size: 25 * MB + 1, type: 'audio/mpeg' })).toBe(true);
		expect(needsPreparing({ name: 'clip.webm', size: MB, type: 'video/webm' })).toBe(true);
		expect(needsPreparing({ name: 'clip.mp4', size: MB, type: '' })).toBe(true);
		expect(needsPreparing({ name: 'camera.mov', size: MB, type: 'video/quicktime' })).toBe(true);
		expect(needsPreparing({ name: 'voice.opus', size: MB, type: 'audio/opus' })).toBe(true);
	});
});
