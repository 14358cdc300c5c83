import { describe, expect, it } from 'vitest';
import type { SettingsValues } from '$lib/state/settings.svelte';
import { checkSettings } from './validate';

const base: SettingsValues = {
	id: 'c',
	name: 'Production',
	endpoint: 'https://r.openai.azure.com',
	auth: 'api-key',
	token: 'k'.repeat(32),
	apiVersion: '2024-10-21',
	rememberToken: true
};

describe('checkSettings', () => {
	it('passes a clean form through unchanged', () => {
		expect(checkSettings(base)).toEqual({ values: base, errors: {}, notes: { endpoint: [] } });
	});

	it('names an unnamed connection after its host, and refuses a name another connection has', () => {
		expect(checkSettings({ ...base, name: ' ' }).values?.name).toBe('r.openai.azure.com');
		const taken = checkSettings({ ...base, name: 'production ' }, ['Test', 'Production']);
		expect(taken.values).toBeUndefined();
		expect(taken.errors.name).toBe(
			'Another connection is already called "production": give this one its own name.'
		);
		expect(checkSettings(base, ['Test']).values?.name).toBe('Production');
	});

	it('takes the API version and deployment from a pasted request URL', () => {
		const check = checkSettings({
			...base,
			endpoint:
				'https://r.openai.azure.com/openai/deployments/prod-chat/chat/completions?api-version=2025-04-01-preview'
		});
		expect(check.values?.endpoint).toBe('https://r.openai.azure.com');
		expect(check.values?.apiVersion).toBe('2025-04-01-preview');
		expect(check.notes.endpoint.join('\n')).toContain('"prod-chat"');
	});

	it('keeps the chosen version when the pasted one is not offered, and says so', () => {
		const check = checkSettings({
			...base,
			endpoint:
				'https://r.openai.azure.com/openai/deployments/x/chat/completions?api-version=2023-05-15'
		});
		expect(check.values?.apiVersion).toBe('2024-10-21');
		expect(check.notes.endpoint.join('\n')).toContain('2023-05-15');
	});

	it('asks for a token and refuses http to a remote host, sending nothing', () => {
		const check = checkSettings({ ...base, endpoint: 'http://r.openai.azure.com', token: ' ' });
		expect(check.values).toBeUndefined();
		expect(check.errors.endpoint).toMatch(/https/);
		expect(check.errors.token).toMatch(/Enter the key/);
	});

	it('strips a pasted "Bearer " prefix and notices a token of the wrong kind', () => {
		const entra = checkSettings({ ...base, auth: 'entra', token: 'Bearer eyJhbGc.eyJzdWIi.sig' });
		expect(entra.values?.token).toBe('eyJhbGc.eyJzdWIi.sig');
		expect(entra.notes.token).toMatch(/Removed "Bearer "/);
		const wrongKind = checkSettings({ ...base, token: 'eyJhbGc.eyJzdWIi.sig' });
		expect(wrongKind.notes.token).toMatch(/choose Microsoft Entra ID/);
	});

	it('signs in with Microsoft instead of a token: both IDs needed, an https sign-in host', () => {
		const entra = { ...base, auth: 'entra' as const, token: '' };
		const signIn = {
			tenant: ' contoso.onmicrosoft.com ',
			clientId: '3f1c9a52-7d4e-4b8a-9c61-2e5f0d8b7a14'
		};
		const good = checkSettings({ ...entra, signIn });
		expect(good.values?.signIn).toEqual({ ...signIn, tenant: 'contoso.onmicrosoft.com' });
		expect(good.errors).toEqual({});
		expect(
			checkSettings({ ...entra, signIn: { ...signIn, clientId: '' } }).errors.clientId
		).toMatch(/Application \(client\) ID/);
		expect(
			checkSettings({ ...entra, signIn: { ...signIn, tenant: 'not a tenant' } }).errors.tenant
		).toMatch(/directory ID \(a GUID\) or a domain/);
		expect(
			checkSettings({ ...entra, signIn: { ...signIn, authority: 'http://login.example' } }).errors
				.authority
		).toMatch(/https:\/\//);
		// No sign-in fields: the token is needed again; with an API key, the sign-in is not kept.
		expect(checkSettings(entra).errors.token).toMatch(/access token/);
		expect(checkSettings({ ...base, signIn }).values?.signIn).toBeUndefined();
	});
});
