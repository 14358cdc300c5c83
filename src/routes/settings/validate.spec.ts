import { describe, expect, it } from 'vitest';
import type { SettingsValues } from '$lib/state/settings.svelte';
import { checkSettings } from './validate';

const base: SettingsValues = {
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
});
