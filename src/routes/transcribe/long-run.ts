// A long recording or a video, end to end: its sound prepared in a worker (decoded, 16 kHz mono,
// cut at pauses: src/lib/audio), kept with each part's transcript as it arrives (so a failure or a
// closed tab goes on from the part it stopped at), then stitched into one transcript.
import { prepareAudio, UnreadableAudio } from '$lib/audio/prepare';
import { partPrompt, stitch } from '$lib/audio/stitch';
import { AzureError } from '$lib/azure/errors';
import { transcribe } from '$lib/azure/transcriptions';
import { newId } from '$lib/id';
import type { LongJob } from '$lib/model/long-job';
import type { TranscriptionOptions } from '$lib/model/transcripts';
import { longJobs } from '$lib/storage/jobs';
import type { TranscribeSession } from './transcribe-session.svelte';

/** Seconds of audio in the parts done. */
const secondsDone = (job: LongJob) =>
	job.parts.slice(0, job.done.length).reduce((sum, part) => sum + part.end - part.start, 0);

/** The name a part is sent under: the file's, numbered. */
const partName = (fileName: string, index: number) =>
	`${fileName.replace(/\.[^.]+$/, '')}.part-${index + 1}.wav`;

/** Prepares the file's sound into parts, keeps them, and sends them. */
export async function prepare(
	session: TranscribeSession,
	request: { file: File; deployment: string; options: TranscriptionOptions; translate: boolean }
): Promise<void> {
	const { file, deployment, options, translate } = request;
	const started = performance.now();
	session.current = undefined;
	session.long = { phase: 'preparing', done: 0 };
	const outcome = await session.op.run(deployment, async (signal) => {
		try {
			return await prepareAudio(file, {
				signal,
				onProgress: (done) => (session.long = { phase: 'preparing', done })
			});
		} catch (error) {
			if (error instanceof UnreadableAudio) return error;
			throw error;
		}
	});
	session.long = undefined;
	if (outcome.status !== 'done') return;
	if (outcome.value instanceof Error) {
		session.fileError = `${file.name} could not be read as audio in this browser (${outcome.value.message}). Convert it to mp3, m4a or wav, or try another browser.`;
		session.file = undefined;
		return;
	}
	const { parts, duration } = outcome.value;
	const job: LongJob = {
		id: newId(),
		createdAt: Date.now(),
		fileName: file.name,
		size: file.size,
		deployment,
		options,
		translate,
		duration,
		parts: parts.map(({ start, end }) => ({ start, end })),
		done: [],
		preparedMs: Math.round(performance.now() - started)
	};
	session.parts = parts.map((part) => part.blob);
	session.job = job;
	try {
		await longJobs.start(job, session.parts);
	} catch (error) {
		session.storageProblem = `This browser could not keep the prepared audio (${(error as Error).message}), so a reload would start over.`;
	}
	await send(session, job, 0);
}

/** Sends the parts not done yet, one after another, keeping each transcript as it comes. */
export async function send(session: TranscribeSession, start: LongJob, attempt: number) {
	const connection = session.connection();
	if (!connection) return;
	const began = performance.now();
	const secondsBefore = secondsDone(start);
	let job = start;
	const report = (part: number, uploaded: number) => {
		const seconds = secondsDone(job);
		const current = job.parts[part];
		// Half a part's share once it is uploaded: the service's answer is the other half.
		const sending = current ? (current.end - current.start) * uploaded * 0.5 : 0;
		const pace =
			seconds > secondsBefore ? (performance.now() - began) / (seconds - secondsBefore) : 0;
		session.long = {
			phase: 'sending',
			part,
			parts: job.parts.length,
			done: Math.min(1, (seconds + sending) / job.duration),
			...(pace ? { secondsLeft: (pace * (job.duration - seconds)) / 1000 } : {})
		};
	};
	const outcome = await session.op.run(job.deployment, async (signal) => {
		for (let i = job.done.length; i < job.parts.length; i++) {
			report(i, 0);
			const file = session.parts?.[i] ?? (await longJobs.part(i).catch(() => undefined));
			if (!file) {
				throw new AzureError({
					kind: 'unexpected-response',
					message: `Part ${i + 1} of ${job.fileName} is no longer kept in this browser. Discard it and transcribe the file again.`
				});
			}
			const transcript = await transcribe(connection, {
				translate: job.translate,
				deployment: job.deployment,
				file,
				fileName: partName(job.fileName, i),
				options: { ...job.options, prompt: partPrompt(job.options.prompt, job.done.at(-1)?.text) },
				signal,
				onProgress: (sent, total) => report(i, sent / total)
			});
			job = { ...job, done: [...job.done, transcript] };
			session.job = job;
			await longJobs.save(job).catch(() => undefined);
		}
		return job;
	});
	session.long = undefined;
	if (outcome.status === 'failed') {
		// A 429 waits the time Azure named, then goes on from the same part.
		session.op.retryLater(outcome.error, attempt, (next) => {
			if (session.job) void send(session, session.job, next);
		});
		return;
	}
	if (outcome.status !== 'done') return;
	const finished = outcome.value;
	const kept =
		session.keepAudio && session.file?.name === finished.fileName ? session.file : undefined;
	session.job = undefined;
	session.parts = undefined;
	await longJobs.clear().catch(() => undefined);
	await session.keep({
		id: newId(),
		createdAt: Date.now(),
		fileName: finished.fileName,
		size: finished.size,
		deployment: finished.deployment,
		options: finished.options,
		transcript: stitch(
			finished.options.format,
			finished.parts.map((part, i) => ({ offset: part.start, transcript: finished.done[i]! })),
			finished.duration
		),
		durationMs: Math.round(finished.preparedMs + performance.now() - began),
		parts: finished.parts.length,
		preparedMs: finished.preparedMs,
		audioSeconds: finished.duration,
		...(finished.translate ? { translated: true } : {}),
		...(kept ? { audio: kept } : {})
	});
}
