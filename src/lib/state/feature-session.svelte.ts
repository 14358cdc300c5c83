import type { Connection } from '$lib/model/settings';
import type { FeaturePage } from '$lib/model/team-config';
import { Operation } from './operation.svelte';
import { readList } from './read-list';
import { suggestedDeployment } from './suggested';

/** How a page keeps its choices: see remembered() in remember.ts. */
interface Prefs<P> {
	readonly page: FeaturePage;
	restore(target: Partial<P>): Promise<void>;
	save(source: P): void;
}

/**
 * What every feature page's session has: the operation in flight, the deployment, the page's
 * remembered choices, and what went wrong with its stored list.
 */
export class FeatureSession<P extends object> {
	readonly op: Operation;
	deployment = $state('');
	storageProblem = $state<string | undefined>(undefined);
	/** The page's connection as it is now, or undefined while it lacks something. */
	readonly connection: () => Connection | undefined;
	readonly #prefs: Prefs<P>;

	constructor(connection: () => Connection | undefined, prefs: Prefs<P>, fetchImpl?: typeof fetch) {
		this.connection = connection;
		this.#prefs = prefs;
		this.op = new Operation(fetchImpl ? { fetch: fetchImpl } : {});
	}

	setDeployment = (deployment: string): void => {
		this.deployment = deployment;
	};

	/** Keeps the page's choices for the next visit. */
	remember = (): void => this.#prefs.save(this as unknown as P);

	/** Puts the remembered choices back, then reads the page's stored list. */
	protected restore = async <T>(
		load: () => Promise<{ items: T[]; unreadable: number }>,
		what: string
	): Promise<T[]> => {
		await this.#prefs.restore(this as unknown as Partial<P>);
		// Nothing picked yet: start with the deployment the team suggests (cerulean.config.json).
		if (!this.deployment) {
			const suggested = await suggestedDeployment(this.#prefs.page);
			if (suggested && !this.deployment) this.setDeployment(suggested);
		}
		const { items, problem } = await readList(load, what);
		this.storageProblem = problem;
		return items;
	};
}
