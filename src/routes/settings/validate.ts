import { normaliseEndpoint } from '$lib/azure/endpoint';
import { API_VERSIONS, hostOf, type ApiVersion, type SignInConfig } from '$lib/model/settings';
import type { SettingsValues } from '$lib/state/settings.svelte';

export interface SettingsCheck {
	/** The values to save or test, with the endpoint normalised; undefined when a field is wrong. */
	values?: SettingsValues;
	errors: {
		name?: string;
		endpoint?: string;
		token?: string;
		tenant?: string;
		clientId?: string;
		authority?: string;
	};
	/** What was changed or noticed, to show beside each field. */
	notes: { endpoint: string[]; token?: string };
}

const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * Checks the Settings form the way the service would, before anything is sent. `others` are the
 * names of the other saved connections, which this one's may not repeat.
 */
export function checkSettings(
	input: SettingsValues,
	others: readonly string[] = []
): SettingsCheck {
	const errors: SettingsCheck['errors'] = {};
	const notes: SettingsCheck['notes'] = { endpoint: [] };
	let { apiVersion, token } = input;

	const endpoint = normaliseEndpoint(input.endpoint);
	if (!endpoint.ok) {
		errors.endpoint = endpoint.error;
	} else {
		notes.endpoint.push(...endpoint.changes);
		if (endpoint.deployment) {
			notes.endpoint.push(
				`The address names the deployment "${endpoint.deployment}": use it as Model on Ask.`
			);
		}
		if (endpoint.apiVersion && endpoint.apiVersion !== apiVersion) {
			if ((API_VERSIONS as readonly string[]).includes(endpoint.apiVersion)) {
				apiVersion = endpoint.apiVersion as ApiVersion;
				notes.endpoint.push(`Set API version to ${apiVersion}, as in the address.`);
			} else {
				notes.endpoint.push(
					`The address used API version ${endpoint.apiVersion}; Cerulean offers ${API_VERSIONS.join(', ')}, so ${apiVersion} stays.`
				);
			}
		}
	}

	// Unnamed, a connection is called after its host.
	const name = input.name.trim() || (endpoint.ok ? hostOf(endpoint.endpoint) : '');
	if (name.length > 60) errors.name = 'Keep the name under 60 characters.';
	else if (others.some((other) => other.toLowerCase() === name.toLowerCase())) {
		errors.name = `Another connection is already called "${name}": give this one its own name.`;
	}

	const signIn = input.auth === 'entra' ? checkSignIn(input.signIn, errors) : undefined;

	token = token.trim();
	if (/^bearer\s+/i.test(token)) {
		token = token.replace(/^bearer\s+/i, '');
		notes.token = 'Removed "Bearer " from the start of the token: Cerulean adds it.';
	}
	if (/[\r\n]/.test(token) || /[^\x20-\x7e]/.test(token)) {
		errors.token =
			'The token has a line break or a character a request header cannot carry (keys and tokens are plain letters, digits and punctuation). Paste it again from the portal or the CLI.';
	} else if (!token && !signIn) {
		errors.token =
			input.auth === 'api-key'
				? 'Enter the key: Keys and Endpoint page of the resource in the Azure portal.'
				: 'Enter an access token, e.g. from: az account get-access-token --resource https://cognitiveservices.azure.com';
	} else if (input.auth === 'api-key' && JWT.test(token)) {
		notes.token =
			'This looks like an Entra ID access token, not an API key: choose Microsoft Entra ID under Authentication.';
	} else if (input.auth === 'entra' && /^[0-9a-f]{32}$|^[A-Za-z0-9]{84}$/.test(token)) {
		notes.token =
			'This looks like an API key, not an access token: choose API key under Authentication.';
	}

	if (Object.values(errors).some(Boolean) || !endpoint.ok) return { errors, notes };
	return {
		values: { ...input, name, endpoint: endpoint.endpoint, apiVersion, token, signIn },
		errors,
		notes
	};
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Microsoft sign-in fields: none filled is no sign-in; otherwise tenant and client ID are
 * both needed, and a sign-in host other than Entra ID's must be an https address.
 */
function checkSignIn(
	input: SignInConfig | undefined,
	errors: SettingsCheck['errors']
): SignInConfig | undefined {
	const tenant = input?.tenant.trim() ?? '';
	const clientId = input?.clientId.trim() ?? '';
	const authority = input?.authority?.trim().replace(/\/+$/, '') || undefined;
	if (!tenant && !clientId) return undefined;
	if (!tenant) {
		errors.tenant =
			"Enter the tenant: its ID or domain (e.g. contoso.onmicrosoft.com), on the app registration's Overview page.";
	} else if (!GUID.test(tenant) && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(tenant)) {
		errors.tenant =
			'A tenant is a directory ID (a GUID) or a domain such as contoso.onmicrosoft.com.';
	}
	if (!clientId) {
		errors.clientId =
			"Enter the client ID: the Application (client) ID on the app registration's Overview page.";
	} else if (!GUID.test(clientId) && !authority) {
		errors.clientId =
			'The Application (client) ID is a GUID, such as 00000000-0000-0000-0000-000000000000.';
	}
	if (authority) {
		let url: URL | undefined;
		try {
			url = new URL(authority);
		} catch {
			url = undefined;
		}
		if (url?.protocol !== 'https:') {
			errors.authority =
				'The sign-in host must be an https:// address, such as https://login.microsoftonline.com.';
		}
	}
	return { tenant, clientId, ...(authority ? { authority } : {}) };
}
