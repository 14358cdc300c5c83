import {
	connectionSchema,
	signInHost,
	type ApiVersion,
	type AuthKind,
	type Connection,
	type SignInConfig
} from '$lib/model/settings';
import { safeUrl } from '$lib/model/safe-url';
import { loadSettings, saveSettings } from '$lib/storage/settings';
import { clearAllData, onStorageProblem, type StorageProblem } from '$lib/storage/stores';
import { narrowPolicy } from './policy';

export interface SettingsValues {
	endpoint: string;
	auth: AuthKind;
	token: string;
	apiVersion: ApiVersion;
	rememberToken: boolean;
	/** Signing in with Microsoft instead of pasting a token (Entra ID only). */
	signIn?: SignInConfig;
}

const CHANNEL = 'cerulean-settings';

/** The saved connection, shared by every page; the token stays in memory unless remembered. */
class SettingsState {
	#values = $state.raw<SettingsValues | undefined>(undefined);
	#loadError = $state<string | undefined>(undefined);
	#loaded = false;
	#channel: BroadcastChannel | undefined;
	/** The token of the Microsoft sign-in, in memory only (see sign-in.svelte.ts). */
	#signedInToken = $state<string | undefined>(undefined);

	/** What was saved, or undefined before the first save. */
	get current(): SettingsValues | undefined {
		return this.#values;
	}

	/** A stored value that failed to parse, in words. */
	get loadError(): string | undefined {
		return this.#loadError;
	}

	/** A usable connection, or undefined while something (often the token) is missing. */
	get connection(): Connection | undefined {
		const values = this.#values;
		const signedIn = values?.auth === 'entra' && values.signIn ? this.#signedInToken : undefined;
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
			// Another tab saved or cleared: follow it, keeping this tab's unsaved in-memory token.
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
		if (!stored) {
			this.#values = undefined;
			return;
		}
		// Saved by an older version, or edited by hand: an endpoint the form would refuse is not used.
		if (!/^https?:/i.test(stored.endpoint) || !safeUrl(stored.endpoint)) {
			this.#loadError = `The saved endpoint ${stored.endpoint} is not allowed: use https:// (plain http:// only for localhost and 127.0.0.1). Enter it again and save.`;
			this.#values = undefined;
			return;
		}
		const memoryToken = this.#values?.token ?? '';
		this.#values = {
			endpoint: stored.endpoint,
			auth: stored.auth,
			apiVersion: stored.apiVersion,
			rememberToken: stored.rememberToken,
			token: stored.rememberToken ? (stored.token ?? '') : memoryToken,
			signIn: stored.signIn
		};
	};

	/**
	 * Saves the connection. When storage fails (a private window, a full disk) the connection is
	 * still used in this tab, and the error is thrown for the form to say it was not kept.
	 */
	save = async (values: SettingsValues): Promise<void> => {
		this.#values = values;
		this.#loadError = undefined;
		await saveSettings({ version: 1, ...values });
		this.#channel?.postMessage('saved');
	};

	/** The Microsoft sign-in's token, or undefined once signed out. */
	useSignedInToken = (token: string | undefined): void => {
		this.#signedInToken = token;
	};

	/** Narrows the page's policy to the saved endpoint and sign-in host (once per page; see policy.ts). */
	narrow = (): void =>
		narrowPolicy(
			this.#values?.endpoint,
			this.#values?.signIn ? signInHost(this.#values.signIn) : undefined
		);

	/** Deletes settings and every history on this device. */
	clearAll = async (): Promise<void> => {
		await clearAllData();
		this.#values = undefined;
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
