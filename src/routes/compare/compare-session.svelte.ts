import { titleFrom } from '$lib/chat/conversation';
import { newId } from '$lib/id';
import type { AssembledChoice, ChatMessage } from '$lib/model/chat';
import { MAX_COLUMNS, MIN_COLUMNS, type CompareRun } from '$lib/model/compare';
import { Operation } from '$lib/state/operation.svelte';
import { readList } from '$lib/state/read-list';
import { settings } from '$lib/state/settings.svelte';
import { compareRuns } from '$lib/storage/compare';
import { PART_MISSING } from '$lib/state/part-missing';
import {
	checkCompare,
	compareBody,
	continuedConversation,
	type CompareErrors,
	type Sent
} from './compare';

/** The streaming code Ask uses, fetched once there is something to send. */
const loadStreaming = () => import('../ask/stream-reply');
/** How long after a change a run is written, at most once in that time while replies stream. */
const SAVE_DELAY_MS = 1000;

/** One column: a deployment (through a connection of its own, or the page's) and its reply. */
export class Column {
	readonly id: string;
	deployment = $state('');
	/** A saved connection of its own; undefined: the one the page uses. */
	connectionId = $state<string | undefined>(undefined);
	/** The reply as far as it came (kept), and while it streams, what arrived so far. */
	reply = $state.raw<ChatMessage | undefined>(undefined);
	live = $state.raw<AssembledChoice[] | undefined>(undefined);
	readonly op = new Operation();

	constructor(init: {
		id?: string;
		deployment?: string;
		connectionId?: string;
		reply?: ChatMessage;
	}) {
		this.id = init.id ?? newId();
		this.deployment = init.deployment ?? '';
		this.connectionId = init.connectionId;
		this.reply = init.reply;
	}

	/** Stopped, retried after a 429, or running: whether anything is still to come. */
	get busy(): boolean {
		return this.op.busy || this.op.countdown.active;
	}
}

/**
 * Compare: one system message and one message sent to two to four deployments at once, each
 * column streamed as Ask streams a reply, and every run kept.
 */
export class CompareSession {
	systemMessage = $state('');
	message = $state('');
	columns = $state.raw<Column[]>([new Column({}), new Column({})]);
	/** The run on screen once sent, and what it sent (the fields may change after). */
	runId = $state<string | undefined>(undefined);
	sent = $state.raw<Sent | undefined>(undefined);
	/** Past runs, newest first. */
	runs = $state.raw<CompareRun[]>([]);
	errors = $state.raw<CompareErrors>({});
	/** What went wrong with storage, or with code fetched on demand, in words. */
	problem = $state<string | undefined>(undefined);
	readonly busy = $derived(this.columns.some((c) => c.busy));
	#saveTimer: ReturnType<typeof setTimeout> | undefined;

	load = async (): Promise<void> => {
		const { items, problem } = await readList(compareRuns.load, 'stored comparisons');
		this.runs = items;
		this.problem = problem;
		// The last run opens again, so a reload loses nothing; its columns are the next run's. What
		// was typed while the list was read stays.
		const latest = items[0];
		const typed =
			this.message || this.systemMessage || this.columns.some((column) => column.deployment);
		if (latest && !this.runId && !this.busy && !typed) this.open(latest);
	};

	dispose = (): void => {
		this.stop();
		if (this.#saveTimer) {
			clearTimeout(this.#saveTimer);
			void this.#save();
		}
	};

	/** Puts a past run on screen: its messages, its columns and their replies. */
	open = (run: CompareRun): void => {
		if (this.busy) return;
		this.runId = run.id;
		this.sent = { systemMessage: run.systemMessage, message: run.message, at: run.createdAt };
		this.systemMessage = run.systemMessage;
		this.message = run.message;
		this.errors = {};
		this.columns = run.columns.map((c) => new Column(c));
		while (this.columns.length < MIN_COLUMNS) this.columns = [...this.columns, new Column({})];
	};

	/** A new comparison: the same columns, nothing sent yet. */
	startOver = (): void => {
		if (this.busy) return;
		this.runId = undefined;
		this.sent = undefined;
		this.message = '';
		this.errors = {};
		this.columns = this.columns.map(
			(c) => new Column({ deployment: c.deployment, connectionId: c.connectionId })
		);
	};

	/** The user typed into a field: what was said about it is out of date. */
	edited = (columnId?: string): void => {
		if (!columnId) {
			if (this.errors.message) this.errors = { ...this.errors, message: undefined };
			return;
		}
		if (!this.errors.models?.[columnId]) return;
		const models = { ...this.errors.models };
		delete models[columnId];
		this.errors = { ...this.errors, models };
	};

	addColumn = (): void => {
		if (this.columns.length >= MAX_COLUMNS) return;
		this.columns = [...this.columns, new Column({})];
	};

	removeColumn = (column: Column): void => {
		if (this.columns.length <= MIN_COLUMNS || column.busy) return;
		column.op.stop();
		this.columns = this.columns.filter((c) => c !== column);
		if (this.runId) this.#saveSoon();
	};

	/** Checks the fields, then sends the message to every column at once as a new run. */
	send = async (): Promise<boolean> => {
		if (this.busy) return false;
		this.errors = checkCompare(this.message, this.columns);
		if (this.errors.message || this.errors.models) return false;
		const streaming = await this.#streaming();
		if (!streaming) return false;
		this.runId = newId();
		this.sent = { systemMessage: this.systemMessage, message: this.message, at: Date.now() };
		for (const column of this.columns) column.reply = undefined;
		await this.#save();
		await Promise.all(this.columns.map((column) => this.#run(column)));
		return true;
	};

	/** Sends the run's message again to one column alone. */
	rerun = async (column: Column): Promise<void> => {
		if (column.busy || !this.sent) return;
		const problem = checkCompare(this.sent.message, [column]).models?.[column.id];
		const models = { ...this.errors.models };
		if (problem) models[column.id] = problem;
		else delete models[column.id];
		this.errors = { ...this.errors, models };
		if (!problem) await this.#run(column);
	};

	/** Stops every column, and any retry waiting. */
	stop = (): void => {
		for (const column of this.columns) column.op.stop();
	};

	/** Forgets a past run; the one on screen stays on screen, as a new comparison. */
	remove = async (id: string): Promise<void> => {
		if (id === this.runId) {
			if (this.busy) return;
			this.runId = undefined;
			this.sent = undefined;
		}
		try {
			await compareRuns.remove(id);
			this.runs = this.runs.filter((r) => r.id !== id);
		} catch (error) {
			this.problem = `The comparison could not be deleted: ${(error as Error).message}`;
		}
	};

	/**
	 * Keeps a column's exchange as a new Ask conversation (Ask opens the newest), on the column's
	 * connection. False, with the problem said, when it could not be kept.
	 */
	continueInAsk = async (column: Column): Promise<boolean> => {
		const { reply } = column;
		if (!reply || !this.sent) return false;
		try {
			const { saveConversation } = await import('$lib/storage/conversations');
			await saveConversation(continuedConversation(this.sent, column.deployment.trim(), reply));
		} catch (error) {
			this.problem = `The conversation could not be kept for Ask: ${(error as Error).message}`;
			return false;
		}
		if (column.connectionId) await settings.choose(column.connectionId, 'ask');
		return true;
	};

	/** The run as stored: what was sent, and each column's deployment and reply. */
	get run(): CompareRun | undefined {
		if (!this.runId || !this.sent) return undefined;
		return {
			id: this.runId,
			title: titleFrom(this.sent.message),
			createdAt: this.sent.at,
			updatedAt: Date.now(),
			systemMessage: this.sent.systemMessage,
			message: this.sent.message,
			columns: this.columns.map((c) => ({
				id: c.id,
				deployment: c.deployment,
				...(c.connectionId ? { connectionId: c.connectionId } : {}),
				...(c.reply ? { reply: c.reply } : {})
			}))
		};
	}

	#streaming = async () => {
		const streaming = await loadStreaming().catch(() => undefined);
		this.problem = streaming ? undefined : PART_MISSING;
		return streaming;
	};

	/** Streams one column's reply; after a 429 it waits the time Azure named and asks again. */
	#run = async (column: Column, attempt = 0): Promise<void> => {
		const streaming = await this.#streaming();
		const sent = this.sent;
		const connection = settings.connectionFor(column.connectionId);
		const deployment = column.deployment.trim();
		if (!streaming || !sent || !connection || !deployment) return;
		const { assistantFrom, streamReply, streamingMessage } = streaming;
		const body = compareBody(sent);
		const placeholder = streamingMessage(deployment);
		column.reply = undefined;
		column.live = [];
		const runId = this.runId;
		const { assembler, outcome, timing } = await streamReply({
			connection,
			deployment,
			body,
			operation: column.op,
			placeholder,
			prefix: '',
			onLive: (choices) => (column.live = choices),
			onCheckpoint: (message) => {
				column.reply = message;
				this.#saveSoon();
			}
		});
		column.live = undefined;
		const status = { done: 'done', stopped: 'stopped', failed: 'interrupted' } as const;
		const kept =
			assembler.choices.some((c) => c.content || c.refusal || c.toolCalls.length) ||
			(outcome.status === 'done' && assembler.choices.some((c) => c.finishReason));
		column.reply = kept
			? assistantFrom(placeholder, assembler, status[outcome.status], '', timing)
			: undefined;
		// Another run was opened meanwhile (only once this one stopped): this one is kept as it was.
		if (runId === this.runId) await this.#save();
		if (outcome.status === 'failed' && !kept) {
			column.op.retryLater(outcome.error, attempt, (next) => void this.#run(column, next));
		}
	};

	#saveSoon = (): void => {
		this.#saveTimer ??= setTimeout(() => void this.#save(), SAVE_DELAY_MS);
	};

	/** Writes the run on screen, and lists it first. */
	#save = async (): Promise<void> => {
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = undefined;
		const run = this.run;
		if (!run) return;
		this.runs = [run, ...this.runs.filter((r) => r.id !== run.id)];
		try {
			await compareRuns.save(run);
		} catch (error) {
			this.problem = `The comparison could not be kept in this browser's storage (${(error as Error).message}). It stays on screen until you leave.`;
		}
	};
}
