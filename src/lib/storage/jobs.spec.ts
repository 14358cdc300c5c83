import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LongJob } from '$lib/model/long-job';
import { longJobs } from './jobs';

const job: LongJob = {
	id: 'j',
	createdAt: 1,
	fileName: 'meeting.mp4',
	size: 300_000_000,
	deployment: 'whisper',
	options: { format: 'srt', language: '', prompt: '', temperature: '', granularities: [] },
	translate: false,
	duration: 1500,
	parts: [
		{ start: 0, end: 750.5 },
		{ start: 750.5, end: 1500 }
	],
	done: [],
	preparedMs: 4000
};

describe('a long recording kept part by part', () => {
	it('keeps the job, its parts’ audio and each transcript as it comes, until cleared', async () => {
		await longJobs.start(job, [new Blob(['one']), new Blob(['two'])]);
		expect(await longJobs.load()).toEqual(job);
		expect(await (await longJobs.part(1))?.text()).toBe('two');
		const first = { format: 'srt' as const, text: 'Hello.', raw: '1\n…', cues: [] };
		await longJobs.save({ ...job, done: [first] });
		expect((await longJobs.load())?.done).toEqual([first]);
		// A new job replaces the last, parts and all.
		await longJobs.start({ ...job, id: 'k', parts: [{ start: 0, end: 10 }] }, [new Blob(['x'])]);
		expect(await longJobs.part(1)).toBeUndefined();
		await longJobs.clear();
		expect(await longJobs.load()).toBeUndefined();
	});
});
