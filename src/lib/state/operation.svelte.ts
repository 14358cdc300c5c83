import type { AzureError } from '$lib/azure/errors';
import { asAzureError } from '$lib/azure/errors';
import { Countdown } from './countdown.svelte';

/** Automatic retries after a 429, each after the delay Azure asked for. */
export const MAX_RATE_LIMIT_RETRIES = 3;
/** The wait when a 429 names no delay. */
export const DEFAULT_RETRY_SECONDS = 10;

/** A failed request and the deployment it named, for the error to say which one. */
export interface Failure {
	error: AzureError;
	deployment: string;
}

export type Outcome<T> =
	{ status: 'done'; value: T } | { status: 'stopped' } | { status: 'failed'; error: AzureError };

/**
 * One operation in flight at a time, shared by every feature page: busy, its AbortController,
 * the injectable fetch, the failure, and the 429 countdown that retries by itself.
 */
export class Operation {
	busy = $state(false);
	failure = $state.raw<Failure | undefined>(undefined);
	readonly countdown = new Countdown(MAX_RATE_LIMIT_RETRIES);
	/** The fetch requests use: the browser's, or a test's. */
	readonly fetch: typeof fetch | undefined;
	#controller: AbortController | undefined;

	constructor(options: { fetch?: typeof fetch } = {}) {
		this.fetch = options.fetch;
	}

	/**
	 * Runs `task` with an abort signal. A stop is not a failure; a failure is kept (with the
	 * deployment) for the page to explain.
	 */
	run = async <T>(
		deployment: string,
		task: (signal: AbortSignal) => Promise<T>
	): Promise<Outcome<T>> => {
		this.countdown.cancel();
		this.failure = undefined;
		this.busy = true;
		const controller = new AbortController();
		this.#controller = controller;
		try {
			return { status: 'done', value: await task(controller.signal) };
		} catch (error) {
			if (controller.signal.aborted) return { status: 'stopped' };
			const azure = asAzureError(error);
			this.failure = { error: azure, deployment };
			return { status: 'failed', error: azure };
		} finally {
			this.busy = false;
			if (this.#controller === controller) this.#controller = undefined;
		}
	};

	/**
	 * After a 429, counts down the delay Azure named and calls `again` with the next attempt
	 * number; returns false when the error is no 429 or the retries are used up.
	 */
	retryLater = (error: AzureError, attempt: number, again: (attempt: number) => void): boolean => {
		if (error.kind !== 'rate-limited' || !this.countdown.allows(attempt)) return false;
		this.countdown.start(error.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS, attempt + 1, () =>
			again(attempt + 1)
		);
		return true;
	};

	/** Stops the request in flight and any countdown. */
	stop = (): void => {
		this.#controller?.abort();
		this.countdown.cancel();
	};

	cancelRetry = (): void => this.countdown.cancel();

	/** Forgets the failure (a new attempt, another conversation). */
	clear = (): void => {
		this.failure = undefined;
	};
}
