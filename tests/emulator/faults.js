// @ts-check
// What the emulator can be told to suffer, and the quotas it can enforce by itself.
import {
	contentFilterError,
	deploymentNotFound,
	invalid,
	forbidden,
	rateLimited,
	requestTimeout,
	tooLarge,
	serverError,
	serviceUnavailable,
	unauthorized
} from './errors.js';

/**
 * What the next requests should suffer.
 * @typedef {{ kind: 'unauthorized' }
 *   | { kind: 'forbidden' }
 *   | { kind: 'request-timeout' }
 *   | { kind: 'too-large' }
 *   | { kind: 'cors' }
 *   | { kind: 'deployment-not-found' }
 *   | { kind: 'rate-limit', retryAfter?: number }
 *   | { kind: 'content-filter' }
 *   | { kind: 'server-error' }
 *   | { kind: 'service-unavailable' }
 *   | { kind: 'bad-request', param?: string, message?: string, code?: string }
 *   | { kind: 'network' }
 *   | { kind: 'drop', afterChunks?: number }
 *   | { kind: 'slow', delayMs?: number }
 *   | { kind: 'malformed', afterChunks?: number }
 *   | { kind: 'hang' }
 *   | { kind: 'pass' }} Failure  `pass`: this request goes through (to fail a later one)
 */

/** @typedef {'chat' | 'image' | 'transcription'} Kind */

/** Throws the error a failure stands for; stream and connection faults are handled by the caller. @param {Failure | undefined} failure @param {Kind} kind @param {string} operationName @param {string} version */
export function failFast(failure, kind, operationName, version) {
	switch (failure?.kind) {
		case 'unauthorized':
			throw unauthorized('key');
		case 'forbidden':
			throw forbidden(operationName);
		case 'request-timeout':
			throw requestTimeout();
		case 'too-large':
			throw tooLarge();
		case 'deployment-not-found':
			throw deploymentNotFound();
		case 'rate-limit':
			throw rateLimited(operationName, version, failure.retryAfter ?? 10);
		case 'content-filter':
			throw contentFilterError(kind);
		case 'server-error':
			throw serverError();
		case 'service-unavailable':
			throw serviceUnavailable();
		case 'bad-request':
			throw invalid(
				failure.message ?? `Invalid value for '${failure.param ?? 'messages'}'.`,
				failure.param ?? null,
				failure.code ?? 'invalid_value'
			);
	}
}

/** Keeps the request open until the client gives up. @param {import('node:http').IncomingMessage} req */
export function hang(req) {
	return new Promise((resolve) => req.on('close', resolve));
}

/**
 * Failures waiting for the next requests. A `network` cut, or a 408, on a reused keep-alive
 * connection is re-sent by browsers on a fresh one without telling the page, so such a failure is
 * armed once more for that re-send (for two seconds), and the page really sees the failed request.
 */
export class FailureQueue {
	/** @type {(Failure & { until?: number })[]} */
	#queue = [];

	/** @param {Failure} failure @param {number} times */
	push(failure, times) {
		for (let i = 0; i < times; i++) this.#queue.push(failure);
	}

	/** The failure for this request, if any. @param {boolean} reusedConnection */
	next(reusedConnection) {
		let failure = this.#queue.shift();
		while (failure?.until !== undefined && failure.until < Date.now())
			failure = this.#queue.shift();
		const resent = failure?.kind === 'network' || failure?.kind === 'request-timeout';
		if (failure && resent && reusedConnection && failure.until === undefined) {
			this.#queue.unshift({ ...failure, until: Date.now() + 2000 });
		}
		return failure;
	}

	clear() {
		this.#queue.length = 0;
	}
}

/**
 * Requests-a-minute quotas per deployment, off unless switched on: over the quota, the service
 * answers 429 with the seconds until the oldest request of the last minute leaves the window.
 */
export class Quotas {
	enabled = false;
	/** @type {Record<string, number>} deployment name → requests a minute, overriding the defaults */
	overrides = {};
	/** @type {Map<string, number[]>} */
	#seen = new Map();

	/** @param {boolean | Record<string, number>} setting */
	set(setting) {
		this.#seen.clear();
		if (typeof setting === 'boolean') {
			this.enabled = setting;
			this.overrides = {};
		} else {
			this.enabled = true;
			this.overrides = { ...setting };
		}
	}

	/**
	 * Counts one request, or throws the 429 the quota calls for.
	 * @param {string} deployment @param {number} defaultRpm @param {string} operationName @param {string} version
	 */
	take(deployment, defaultRpm, operationName, version, now = Date.now()) {
		if (!this.enabled) return;
		const rpm = this.overrides[deployment] ?? defaultRpm;
		const recent = (this.#seen.get(deployment) ?? []).filter((t) => t > now - 60_000);
		if (recent.length >= rpm) {
			this.#seen.set(deployment, recent);
			const oldest = recent[0] ?? now;
			throw rateLimited(
				operationName,
				version,
				Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000))
			);
		}
		recent.push(now);
		this.#seen.set(deployment, recent);
	}
}
