import {
	connectionSchema,
	signInHost,
	signInKey,
	type ApiVersion,
	type AuthKind,
	type Connection,
	type SignInConfig
} from '$lib/model/settings';
import { safeUrl } from '$lib/model/safe-url';
import { loadSettings, saveSettings } from '$lib/storage/settings';
import { clearAllData, onStorageProblem, type StorageProblem } from '$lib/storage/stores';
import { mayReach, narrowPolicy } from './policy';

/** One saved connection (a profile): a resource, how to sign in to it, and what to call it. */
export interface SettingsValues {
	id: string;
	/** What the Connection select calls it. */
	name: string;
	endpoint: string;
	auth: AuthKind;
	token: string;
	apiVersion: ApiVersion;
	rememberToken: boolean;
	/** Signing in with Microsoft instead of pasting a token (Entra ID only). */
	signIn?: SignInConfig;
}

const CHANNEL = 'cerulean-settings';

/**
 * The saved connections, shared by every page, and the one each page uses (its `Connection`
 * select, remembered per page; the first until one is picked). Tokens stay in memory unless
 * remembered.
 */
class SettingsState {
	#all = $state.raw<SettingsValues[]>([]);
	#chosen = $state.raw<Record<string, string>>({});
	/** The page showing (ask, image, transcribe, settings), set by the layout on each navigation. */
	#page = $state('ask');
	#loadError = $state<string | undefined>(undefined);
	#loaded = false;
	#channel: BroadcastChannel | undefined;
	/** The token of the Microsoft sign-in and its app registration, in memory only (see sign-in.svelte.ts). */
	#signedIn = $state.raw<{ key: string; token: string } | undefined>(undefined);

	/** Every saved connection, in the order they were added. */
	get all(): readonly SettingsValues[] {
		return this.#all;
	}

	/** The connection this page uses, or undefined before the first save. */
	get current(): SettingsValues | undefined {
		return this.#all.find((saved) => saved.id === this.#chosen[this.#page]) ?? this.#all[0];
	}

	/** A stored value that failed to parse, in words. */
	get loadError(): string | undefined {
		return this.#loadError;
	}

	/**
	 * A usable connection for this page, or undefined while something (often the token) is missing.
	 * Parsed once per change, not on each of the many reads a page makes of it.
	 */
	#connection = $derived(this.#usable(this.current));
	get connection(): Connection | undefined {
		return this.#connection;
	}

	/** A usable connection for this saved one (the page's when absent), or undefined while it lacks something. */
	connectionFor = (id: string | undefined): Connection | undefined =>
		this.#usable(this.savedFor(id));

	/** The saved connection by id, or the page's. */
	savedFor = (id: string | undefined): SettingsValues | undefined =>
		this.#all.find((saved) => saved.id === id) ?? this.current;

	#usable(values: SettingsValues | undefined): Connection | undefined {
		const signedIn =
			values?.auth === 'entra' && values.signIn && this.#signedIn?.key === signInKey(values.signIn)
				? this.#signedIn.token
				: undefined;
		const parsed = connectionSchema.safeParse(
			signedIn && values ? { ...values, token: signedIn } : values
		);
		return parsed.success ? parsed.data : undefined;
	}

	/** Loads once per page; later calls are free. */
	load = async (): Promise<void> => {
		if (this.#loaded) return;
		this.#loaded = true;
		await this.#read();
		if (typeof BroadcastChannel !== 'undefined') {
			// Another tab saved or cleared: follow it, keeping this tab's unsaved in-memory tokens.
			this.#channel = new BroadcastChannel(CHANNEL);
			this.#channel.onmessage = () => void this.#read();
		}
	};

	#read = async (): Promise<void> => {
		const result = await loadSettings();
		if (!result.ok) {
			this.#loadError = result.error;
			return;
		}
		this.#loadError = undefined;
		const stored = result.value;
		const kept: SettingsValues[] = [];
		for (const { token, ...saved } of stored?.connections ?? []) {
			// Saved by an older version, or edited by hand: an endpoint the form would refuse is not used.
			if (!/^https?:/i.test(saved.endpoint) || !safeUrl(saved.endpoint)) {
				this.#loadError = `The saved endpoint ${saved.endpoint} is not allowed: use https:// (plain http:// only for localhost and 127.0.0.1). Enter it again and save.`;
				continue;
			}
			const memoryToken = this.#all.find((known) => known.id === saved.id)?.token ?? '';
			kept.push({ ...saved, token: saved.rememberToken ? (token ?? '') : memoryToken });
		}
		this.#all = kept;
		this.#chosen = stored?.chosen ?? {};
	};

	#write = async (): Promise<void> => {
		this.#loadError = undefined;
		await saveSettings({ version: 2, connections: this.#all, chosen: this.#chosen });
		this.#channel?.postMessage('saved');
	};

	/** Which page is showing: `current` is the connection it uses. */
	show = (page: string): void => {
		this.#page = page;
	};

	/**
	 * Saves a connection (a new one is added) and uses it on this page. When storage fails (a
	 * private window, a full disk) it is still used in this tab, and the error is thrown for the
	 * form to say it was not kept.
	 */
	save = async (values: SettingsValues): Promise<void> => {
		const known = this.#all.some((saved) => saved.id === values.id);
		this.#all = known
			? this.#all.map((saved) => (saved.id === values.id ? values : saved))
			: [...this.#all, values];
		this.#chosen = { ...this.#chosen, [this.#page]: values.id };
		await this.#write();
	};

	/**
	 * Uses another saved connection on this page from now on. A page allowed to reach only the
	 * endpoints it was opened with (see policy.ts) loads again to reach a newer one.
	 */
	choose = async (id: string, page = this.#page): Promise<void> => {
		this.#chosen = { ...this.#chosen, [page]: id };
		await this.#write().catch(() => undefined);
		if (page === this.#page && this.current && !mayReach(this.current.endpoint)) location.reload();
	};

	/** Removes a saved connection, and its token; pages that used it use the first one. */
	remove = async (id: string): Promise<void> => {
		const left = this.#all.filter((saved) => saved.id !== id);
		if (!left.length) return;
		this.#all = left;
		this.#chosen = Object.fromEntries(
			Object.entries(this.#chosen).filter(([, chosen]) => chosen !== id)
		);
		await this.#write();
	};

	/** The Microsoft sign-in's token for an app registration, or undefined once signed out. */
	useSignedInToken = (token: string | undefined, config?: SignInConfig): void => {
		this.#signedIn = token && config ? { key: signInKey(config), token } : undefined;
	};

	/**
	 * Narrows the page's policy to the saved endpoints and sign-in hosts (once per page; see
	 * policy.ts).
	 */
	narrow = (): void =>
		narrowPolicy(
			this.#all.map((saved) => saved.endpoint),
			this.#all.flatMap((saved) => (saved.signIn ? [signInHost(saved.signIn)] : []))
		);

	/** Deletes settings and every history on this device. */
	clearAll = async (): Promise<void> => {
		await clearAllData();
		this.#all = [];
		this.#chosen = {};
		this.#loadError = undefined;
		this.#channel?.postMessage('cleared');
	};
}

export const settings = new SettingsState();

/**
 * Signing in with Microsoft, as every page shows it: `restoring` while finding the account signed
 * in on this device, `expired` when it must sign in again (`problem` says why). The work is done
 * by sign-in.svelte.ts, loaded only when a connection signs in.
 */
export const signIn = $state<{
	status: 'off' | 'restoring' | 'signing-in' | 'signed-in' | 'expired';
	account?: { name: string; username: string };
	problem?: string;
}>({ status: 'off' });

/**
 * Whether this browser keeps what Cerulean stores, for every page to say so: `problem` is why not
 * (see StorageProblem; the first one stands), `waiting` that another tab holds storage this one
 * needs, `dismissed` that the person has read the notice.
 */
export const storageHealth = $state<{
	problem?: Exclude<StorageProblem, { kind: 'blocked' | 'unblocked' }>;
	waiting: boolean;
	dismissed: boolean;
}>({ waiting: false, dismissed: false });

onStorageProblem((problem) => {
	if (problem.kind === 'blocked' || problem.kind === 'unblocked')
		storageHealth.waiting = problem.kind === 'blocked';
	else storageHealth.problem ??= problem;
});
