import { AzureError } from '$lib/azure/errors';
import { testConnection } from '$lib/azure/test-connection';
import { newId } from '$lib/id';
import { hostOf, type ApiVersion, type AuthKind } from '$lib/model/settings';
import type { TeamConnection } from '$lib/model/team-config';
import { settings, signIn, storageHealth, type SettingsValues } from '$lib/state/settings.svelte';
import { mayReach } from '$lib/state/policy';
import { forgetPrices } from '$lib/state/prices.svelte';
import { team } from '$lib/state/team-config.svelte';
import { checkSettings, type SettingsCheck } from './validate';

/** The sign-in code, with MSAL: loaded when the sign-in fields are filled in, or on Sign in. */
const signInCode = () => import('$lib/state/sign-in.svelte');

/** Settings: the form for one connection, saving it, testing it, adding and removing connections. */
export class SettingsForm {
	/** The connection shown: a saved one, or a new one until it is saved. */
	id = $state(newId());
	name = $state('');
	endpoint = $state('');
	auth = $state<AuthKind>('api-key');
	token = $state('');
	apiVersion = $state<ApiVersion>('2024-10-21');
	rememberToken = $state(true);
	/** Signing in with Microsoft: the app registration's tenant and client ID, and the sign-in host. */
	tenant = $state('');
	clientId = $state('');
	authority = $state('');
	check = $state.raw<SettingsCheck | undefined>(undefined);
	/** "Saved", until the form changes again. */
	status = $state<string | undefined>(undefined);
	saveError = $state<string | undefined>(undefined);
	/** What Test connection found: where it connected and how many models it saw, or a note. */
	testResult = $state.raw<{ host: string; models: number } | string | undefined>(undefined);
	testError = $state.raw<AzureError | undefined>(undefined);
	testing = $state(false);
	#controller: AbortController | undefined;

	constructor() {
		this.fill(settings.current);
	}

	get values(): SettingsValues {
		const { id, name, endpoint, auth, token, apiVersion, rememberToken } = this;
		const { tenant, clientId, authority } = this;
		const signIn =
			auth === 'entra' && (tenant.trim() || clientId.trim())
				? { tenant, clientId, ...(authority.trim() ? { authority } : {}) }
				: undefined;
		return { id, name, endpoint, auth, token, apiVersion, rememberToken, signIn };
	}

	/** Not saved yet: a first connection, or one being added. */
	get isNew(): boolean {
		return !settings.all.some((saved) => saved.id === this.id);
	}

	/** Shows a saved connection, or an empty form for a new one. */
	fill = (saved: SettingsValues | undefined): void => {
		this.id = saved?.id ?? newId();
		this.name = saved?.name ?? '';
		this.endpoint = saved?.endpoint ?? '';
		this.auth = saved?.auth ?? 'api-key';
		this.token = saved?.token ?? '';
		this.apiVersion = saved?.apiVersion ?? '2024-10-21';
		this.rememberToken = saved?.rememberToken ?? true;
		this.tenant = saved?.signIn?.tenant ?? '';
		this.clientId = saved?.signIn?.clientId ?? '';
		this.authority = saved?.signIn?.authority ?? '';
		this.check = undefined;
		this.testResult = undefined;
		this.testError = undefined;
		this.#controller?.abort();
	};

	/** An empty form for another connection; the saved ones stay as they are until it is saved. */
	addConnection = (): void => {
		this.fill(undefined);
		this.name = `Connection ${settings.all.length + 1}`;
		this.status = undefined;
		this.saveError = undefined;
	};

	/** Removes the connection shown, with its token; the form then shows the one this page uses. */
	removeConnection = async (): Promise<void> => {
		const name = this.name;
		this.saveError = undefined;
		try {
			await settings.remove(this.id);
			this.status = `Removed the connection "${name}".`;
		} catch (error) {
			this.saveError = `The connection could not be removed from this device (${error instanceof Error ? error.message : String(error)}).`;
		}
		this.fill(settings.current);
	};

	/** The team's app registration, offered when the form has none of its own yet. */
	useTeamSignIn = (): void => {
		const offered = team.config?.signIn;
		if (!offered || this.tenant || this.clientId) return;
		this.tenant = offered.tenantId;
		this.clientId = offered.clientId;
		if (offered.authority) this.authority = offered.authority;
	};

	/** Loads the sign-in code once the fields are filled, so the window opens at once on a click. */
	prepareSignIn = (): void => {
		const signInValues = this.values.signIn;
		if (signInValues?.tenant.trim() && signInValues.clientId.trim()) {
			void signInCode().then(
				(code) => code.prepareSignIn(signInValues),
				() => undefined
			);
		}
	};

	/** Saves the connection with its sign-in, then opens Microsoft's sign-in window. */
	signIn = async (): Promise<void> => {
		this.status = undefined;
		const values = this.#validate();
		if (!values?.signIn) {
			if (values) {
				this.check = {
					errors: { tenant: 'Enter the tenant and client ID to sign in.' },
					notes: this.check?.notes ?? { endpoint: [] }
				};
			}
			return;
		}
		if (!(await this.#keep(values))) return;
		const code = await signInCode().catch(() => undefined);
		if (!code) {
			signIn.problem =
				'The sign-in part of Cerulean could not be loaded (offline, or updated since this page opened). Reload the page and sign in again.';
			return;
		}
		await code.startSignIn();
		if (signIn.status === 'signed-in') this.status = 'Saved. Signed in with Microsoft.';
	};

	signOut = async (): Promise<void> => {
		await (await signInCode()).signOut();
		this.status = 'Signed out on this device.';
	};

	/** The token was not remembered and is gone since the last visit. */
	get tokenForgotten(): boolean {
		const saved = settings.all.find((known) => known.id === this.id);
		return !!saved && !saved.signIn && !saved.rememberToken && !saved.token && !this.token;
	}

	/** Fills the form from a connection the team set up; the token stays the person's own. */
	useTeamConnection = (connection: TeamConnection): void => {
		const teamNames = team.config?.connections?.map((offered) => offered.name) ?? [];
		if (!this.name.trim() || teamNames.includes(this.name)) this.name = connection.name;
		this.endpoint = connection.endpoint;
		if (connection.auth) this.auth = connection.auth;
		if (connection.apiVersion) this.apiVersion = connection.apiVersion;
		this.status = undefined;
		this.testResult = undefined;
		this.normaliseEndpoint();
	};

	/** Anything typed makes the last "Saved" out of date. */
	changed = (): void => {
		this.status = undefined;
	};

	/** Validates the form, writes the normalised values back into it, and returns them. */
	#validate = (): SettingsValues | undefined => {
		const others = settings.all.filter((saved) => saved.id !== this.id);
		// Still called after its host: a new endpoint renames it.
		const before = settings.all.find((saved) => saved.id === this.id);
		const named = before && this.name === hostOf(before.endpoint) ? '' : this.name;
		const result = checkSettings(
			{ ...this.values, name: named },
			others.map((saved) => saved.name)
		);
		this.check = result;
		if (result.values) {
			this.name = result.values.name;
			this.endpoint = result.values.endpoint;
			this.apiVersion = result.values.apiVersion;
			this.token = result.values.token;
		}
		return result.values;
	};

	/** Leaving the endpoint field: tidy it and say what changed (Save and Test say it themselves). */
	normaliseEndpoint = (): void => {
		if (!this.endpoint.trim()) return;
		const result = checkSettings({ ...this.values, token: this.token || 'x' });
		this.check = {
			...result,
			errors: { endpoint: result.errors.endpoint },
			notes: { ...result.notes }
		};
		if (result.values) {
			this.endpoint = result.values.endpoint;
			this.apiVersion = result.values.apiVersion;
		}
	};

	/** Saves; false when the page reloads for a new endpoint, or storage failed (said). */
	#keep = async (values: SettingsValues): Promise<boolean> => {
		this.saveError = undefined;
		try {
			await settings.save(values);
		} catch (error) {
			this.saveError = `The settings could not be kept on this device (${error instanceof Error ? error.message : String(error)}). This tab uses them until it is closed; to keep them, allow site storage for this page or free some disk space, then save again.`;
			return false;
		}
		// This page's policy allows only the endpoint it started with: load it again for the new one.
		// A new one, once saved, is the one this page uses (and shows after the reload).
		if (!mayReach(values.endpoint)) {
			location.reload();
			return false;
		}
		return true;
	};

	save = async (): Promise<void> => {
		this.status = undefined;
		const values = this.#validate();
		if (!values || !(await this.#keep(values))) return;
		this.status =
			values.signIn && signIn.status === 'signed-in'
				? 'Saved. Signed in with Microsoft.'
				: values.signIn && !values.token
					? 'Saved. Sign in with Microsoft to connect.'
					: storageHealth.problem
						? 'Saved for this tab only: this browser is not keeping data, so enter it again after a reload.'
						: this.rememberToken
							? 'Saved on this device.'
							: 'Saved. The token stays in memory for this tab only and is gone after a reload.';
	};

	/** One real request with the form's values; gives up after a while, and can be cancelled. */
	test = async (): Promise<void> => {
		this.testResult = undefined;
		this.testError = undefined;
		const values = this.#validate();
		if (!values) return;
		if (!mayReach(values.endpoint)) {
			this.testResult =
				'This page may only talk to the endpoint it was opened with. Save, and Cerulean reloads to connect to the new one (a token that is not remembered must then be entered again).';
			return;
		}
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.testing = true;
		try {
			const result = await testConnection(values, { signal: controller.signal });
			this.testResult = { host: hostOf(values.endpoint), models: result.modelCount };
		} catch (error) {
			if (controller.signal.aborted) {
				this.testResult = 'Test cancelled.';
				return;
			}
			this.testError =
				error instanceof AzureError
					? error
					: new AzureError({
							kind: 'unexpected-response',
							message: error instanceof Error ? error.message : String(error)
						});
		} finally {
			if (this.#controller === controller) {
				this.testing = false;
				this.#controller = undefined;
			}
		}
	};

	cancelTest = (): void => this.#controller?.abort();

	/** Deletes settings and every history on this device. */
	clearAll = async (): Promise<void> => {
		// Signed in with Microsoft: the account and its tokens go too (before the settings naming it).
		if (settings.current?.signIn) await (await signInCode()).forgetSignIn();
		await settings.clearAll();
		forgetPrices();
		this.fill(undefined);
		this.status = 'All Cerulean data on this device was deleted.';
	};
}
