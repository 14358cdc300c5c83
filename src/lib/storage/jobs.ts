import { clear, get, setMany } from 'idb-keyval';
import { longJobSchema, type LongJob } from '$lib/model/long-job';
import { checked, putRecord } from './records';
import { store } from './stores';

// One long transcription at a time: its record under `job`, each part's audio under `part-N`.
const jobs = () => store('jobs');

export const longJobs = {
	/** The job left unfinished, if any. */
	load: async (): Promise<LongJob | undefined> => longJobs.read(await get('job', jobs())),
	/** The stored `job` record as a job, or undefined when it does not parse. */
	read: (stored: unknown): LongJob | undefined => {
		const parsed = longJobSchema.safeParse(stored);
		return parsed.success ? parsed.data : undefined;
	},
	/** A new job replaces the last one, with the audio of its parts. */
	start: async (job: LongJob, parts: readonly Blob[]): Promise<void> => {
		await clear(jobs());
		await setMany(
			[
				...parts.map((blob, i): [string, Blob] => [`part-${i}`, blob]),
				['job', checked(longJobSchema, job)]
			],
			jobs()
		);
	},
	/** Where the job got to. */
	save: (job: LongJob): Promise<void> => putRecord(jobs(), 'job', longJobSchema, job),
	part: async (index: number): Promise<Blob | undefined> => {
		const blob: unknown = await get(`part-${index}`, jobs());
		return blob instanceof Blob ? blob : undefined;
	},
	clear: (): Promise<void> => clear(jobs())
};
