import { AzureError } from '$lib/azure/errors';
import { testConnection } from '$lib/azure/test-connection';
import type { ApiVersion, AuthKind } from '$lib/model/settings';
import type { TeamConnection } from '$lib/model/team-config';
import { settings, storageHealth, type SettingsValues } from '$lib/state/settings.svelte';
import { mayReach } from '$lib/state/policy';
import { checkSettings, type SettingsCheck } from './validate';

/** Settings: the connection form, saving it, testing it and clearing everything. */
export class SettingsForm {
	endpoint = $state(settings.current?.endpoint ?? '');
	auth = $state<AuthKind>(settings.current?.auth ?? 'api-key');
	token = $state(settings.current?.token ?? '');
	apiVersion = $state<ApiVersion>(settings.current?.apiVersion ?? '2024-10-21');
	rememberToken = $state(settings.current?.rememberToken ?? true);
	check = $state.raw<SettingsCheck | undefined>(undefined);
	/** "Saved", until the form changes again. */
	status = $state<string | undefined>(undefined);
	saveError = $state<string | undefined>(undefined);
	/** What Test connection found: where it connected and how many models it saw, or a note. */
	testResult = $state.raw<{ host: string; models: number } | string | undefined>(undefined);
	testError = $state.raw<AzureError | undefined>(undefined);
	testing = $state(false);
	#controller: AbortController | undefined;

	get values(): SettingsValues {
		const { endpoint, auth, token, apiVersion, rememberToken } = this;
		return { endpoint, auth, token, apiVersion, rememberToken };
	}

	/** The token was not remembered and is gone since the last visit. */
	get tokenForgotten(): boolean {
		const saved = settings.current;
		return !!saved && !saved.rememberToken && !saved.token && !this.token;
	}

	/** Fills the form from a connection the team set up; the token stays the person's own. */
	useTeamConnection = (connection: TeamConnection): void => {
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
		const result = checkSettings(this.values);
		this.check = result;
		if (result.values) {
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

	save = async (): Promise<void> => {
		this.status = undefined;
		this.saveError = undefined;
		const values = this.#validate();
		if (!values) return;
		try {
			await settings.save(values);
			// This page's policy allows only the endpoint it started with: load it again for the new one.
			if (!mayReach(values.endpoint)) return location.reload();
			this.status = storageHealth.problem
				? 'Saved for this tab only: this browser is not keeping data, so enter it again after a reload.'
				: this.rememberToken
					? 'Saved on this device.'
					: 'Saved. The token stays in memory for this tab only and is gone after a reload.';
		} catch (error) {
			this.saveError = `The settings could not be kept on this device (${error instanceof Error ? error.message : String(error)}). This tab uses them until it is closed; to keep them, allow site storage for this page or free some disk space, then save again.`;
		}
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
			const host = values.endpoint.replace(/^https?:\/\//, '').split('/')[0] ?? '';
			this.testResult = { host, models: result.modelCount };
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
		await settings.clearAll();
		this.endpoint = '';
		this.token = '';
		this.auth = 'api-key';
		this.apiVersion = '2024-10-21';
		this.rememberToken = true;
		this.check = undefined;
		this.testResult = undefined;
		this.testError = undefined;
		this.status = 'All Cerulean data on this device was deleted.';
	};
}
