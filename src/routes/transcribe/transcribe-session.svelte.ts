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
import { transcripts } from '$lib/storage/transcripts';
import { checkAudioFile, checkOptions, FORMATS, supportsGranularities } from './transcribe-form';

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
	errors = $state<{ model?: string; temperature?: string }>({});
	uploaded = $state.raw<{ sent: number; total: number } | undefined>(undefined);
	current = $state.raw<TranscriptEntry | undefined>(undefined);
	history = $state.raw<TranscriptEntry[]>([]);
	readonly family = $derived(guessTranscriptionFamily(this.deployment));
	readonly formats = $derived(FORMATS[this.family]);

	constructor(connection: () => Connection | undefined) {
		super(
			connection,
			remembered('transcribe', transcribePrefsSchema, ['deployment', 'options', 'keepAudio'])
		);
	}

	/** Timestamps (word, segment) can be asked for on this API version. */
	get granularitiesAvailable(): boolean {
		const connection = this.connection();
		return !!connection && supportsGranularities(connection.apiVersion);
	}

	load = async (): Promise<void> => {
		this.history = await this.restore(transcripts.load, 'past transcripts');
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
		this.errors = {
			...errors,
			...(deployment
				? {}
				: { model: 'Enter the deployment name from Azure AI Foundry → Deployments.' })
		};
		// A refused file keeps its reason; only an empty pick asks for one.
		if (!this.file && !this.fileError)
			this.fileError = 'Pick or drop an audio file, or record one, first.';
		const file = this.file;
		if (!file || !sent || !deployment || !connection) return;
		this.uploaded = undefined;
		const started = performance.now();
		const outcome = await this.op.run(deployment, (signal) =>
			transcribe(connection, {
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
		const entry: TranscriptEntry = {
			id: newId(),
			createdAt: Date.now(),
			fileName: file.name,
			size: file.size,
			deployment,
			options: sent,
			transcript: outcome.value,
			durationMs: Math.round(performance.now() - started),
			...(this.keepAudio ? { audio: file } : {})
		};
		this.current = entry;
		try {
			await transcripts.save(entry);
			this.history = [entry, ...this.history];
		} catch (error) {
			this.storageProblem = `The transcript is shown but could not be kept: ${(error as Error).message}`;
		}
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
