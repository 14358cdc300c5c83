import { transcribe } from '$lib/azure/transcriptions';
import { newId } from '$lib/id';
import { transcribePrefsSchema, type TranscribePrefs } from '$lib/model/prefs';
import type { Connection } from '$lib/model/settings';
import {
	guessTranscriptionFamily,
	type TranscriptEntry,
	type TranscriptionOptions
} from '$lib/model/transcripts';
import { FeatureSession } from '$lib/state/feature-session.svelte';
import { remembered } from '$lib/state/remember';
import type { LongJob } from '$lib/model/long-job';
import { store } from '$lib/storage/stores';
import { transcripts } from '$lib/storage/transcripts';
import { get } from 'idb-keyval';
import { checkAudioFile, checkOptions, FORMATS, supportsGranularities } from './transcribe-form';

// Long recordings and videos (long-run.ts, src/lib/audio): loaded when a file needs them.
const loadLongRun = () => import('./long-run');

/** Where a long recording has got to, for the progress the page shows. */
export type LongProgress =
	| { phase: 'preparing'; done: number }
	| {
			phase: 'sending';
			part: number;
			parts: number;
			/** Of the whole recording, 0–1. */
			done: number;
			/** Estimated from this run's pace, once a part is done. */
			secondsLeft?: number;
	  };

/** Transcribe: the file, the options, transcribing, and the history of transcripts. */
export class TranscribeSession extends FeatureSession<TranscribePrefs> {
	file = $state.raw<File | undefined>(undefined);
	/** Why the last file picked was refused, or that none is picked. */
	fileError = $state<string | undefined>(undefined);
	options = $state<TranscriptionOptions>({
		format: 'json',
		language: '',
		prompt: '',
		temperature: '',
		granularities: ['segment']
	});
	keepAudio = $state(false);
	/** Send to the translations operation: whisper writes English. */
	translate = $state(false);
	errors = $state<{ model?: string; temperature?: string; translate?: string }>({});
	/** A recording sent in parts: running, or stopped part-way and waiting to go on. */
	job = $state.raw<LongJob | undefined>(undefined);
	long = $state.raw<LongProgress | undefined>(undefined);
	/** The parts' audio while this page has it (after a reload it is read back from storage). */
	parts: Blob[] | undefined;
	uploaded = $state.raw<{ sent: number; total: number } | undefined>(undefined);
	current = $state.raw<TranscriptEntry | undefined>(undefined);
	history = $state.raw<TranscriptEntry[]>([]);
	readonly family = $derived(guessTranscriptionFamily(this.deployment));
	readonly formats = $derived(FORMATS[this.family]);

	constructor(connection: () => Connection | undefined) {
		super(
			connection,
			remembered('transcribe', transcribePrefsSchema, [
				'deployment',
				'options',
				'keepAudio',
				'translate'
			])
		);
	}

	/** Timestamps (word, segment) can be asked for on this API version. */
	get granularitiesAvailable(): boolean {
		const connection = this.connection();
		return !!connection && supportsGranularities(connection.apiVersion);
	}

	load = async (): Promise<void> => {
		this.history = await this.restore(transcripts.load, 'past transcripts');
		// A long recording left part-way (a failure, a closed tab) offers to go on. Only then is
		// what reads it loaded.
		const waiting = await get('job', store('jobs')).catch(() => undefined);
		if (!waiting) return;
		const { longJobs } = await import('$lib/storage/jobs');
		const job = longJobs.read(waiting);
		if (job && !this.job) this.job = job;
	};

	setDeployment = (deployment: string): void => {
		this.deployment = deployment;
		if (!this.formats.includes(this.options.format)) this.options.format = 'json';
		this.remember();
	};

	/** A picked, dropped or recorded file: refused at once, with the reason, when the service would refuse it. */
	pick = (next: File | undefined): void => {
		if (!next) return;
		const problem = checkAudioFile(next);
		this.fileError = problem;
		this.file = problem ? undefined : next;
		if (!problem) this.current = undefined;
	};

	/** Checks the form, then sends the file; nothing is sent while a field is wrong. */
	submit = async (attempt = 0): Promise<void> => {
		const connection = this.connection();
		const deployment = this.deployment.trim();
		const { sent, errors } = checkOptions(this.options, connection?.apiVersion ?? '2024-10-21');
		const translate = this.translate;
		this.errors = {
			...errors,
			...(deployment
				? {}
				: { model: 'Enter the deployment name from Azure AI Foundry → Deployments.' }),
			...(translate && deployment && this.family !== 'whisper'
				? {
						translate: `Translation into English is whisper's alone: ${deployment} looks like a gpt-4o-transcribe deployment. Use a whisper deployment, or clear this box.`
					}
				: {})
		};
		// A refused file keeps its reason; only an empty pick asks for one.
		if (!this.file && !this.fileError)
			this.fileError = 'Pick or drop an audio file, or record one, first.';
		const file = this.file;
		if (!file || !sent || !deployment || !connection || this.errors.translate) return;
		const { needsPreparing } = await import('$lib/audio/prepare');
		if (needsPreparing(file)) {
			const run = await loadLongRun();
			return run.prepare(this, { file, deployment, options: sent, translate });
		}
		this.uploaded = undefined;
		const started = performance.now();
		const outcome = await this.op.run(deployment, (signal) =>
			transcribe(connection, {
				translate,
				deployment,
				file,
				fileName: file.name,
				options: sent,
				signal,
				onProgress: (done, total) => (this.uploaded = { sent: done, total })
			})
		);
		if (outcome.status === 'failed') {
			this.op.retryLater(outcome.error, attempt, (next) => void this.submit(next));
			return;
		}
		if (outcome.status !== 'done') return;
		await this.keep({
			id: newId(),
			createdAt: Date.now(),
			fileName: file.name,
			size: file.size,
			deployment,
			options: sent,
			transcript: outcome.value,
			durationMs: Math.round(performance.now() - started),
			...(translate ? { translated: true } : {}),
			...(this.keepAudio ? { audio: file } : {})
		});
	};

	/** Shows a finished transcript and keeps it in history. */
	keep = async (entry: TranscriptEntry): Promise<void> => {
		this.current = entry;
		try {
			await transcripts.save(entry);
			this.history = [entry, ...this.history];
		} catch (error) {
			this.storageProblem = `The transcript is shown but could not be kept: ${(error as Error).message}`;
		}
	};

	/** Goes on with a long recording stopped part-way, from its first part not done. */
	resume = (): void => {
		const job = this.job;
		if (job && !this.op.busy) void loadLongRun().then((run) => run.send(this, job, 0));
	};

	/** Forgets a long recording stopped part-way, and its audio. */
	discard = async (): Promise<void> => {
		if (this.op.busy) return;
		this.job = undefined;
		this.parts = undefined;
		this.op.clear();
		const { longJobs } = await import('$lib/storage/jobs');
		await longJobs.clear().catch(() => undefined);
	};

	open = (entry: TranscriptEntry): void => {
		this.current = entry;
	};

	remove = async (id: string): Promise<void> => {
		try {
			await transcripts.remove(id);
		} catch (error) {
			this.storageProblem = `The transcript could not be deleted from this browser's storage: ${(error as Error).message}`;
			return;
		}
		this.history = this.history.filter((h) => h.id !== id);
		if (this.current?.id === id) this.current = undefined;
	};
}
