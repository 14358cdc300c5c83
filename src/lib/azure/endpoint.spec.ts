import { describe, expect, it } from 'vitest';
import { connectionSchema } from '$lib/model/settings';
import { normaliseEndpoint } from './endpoint';

describe('normaliseEndpoint', () => {
	it('keeps a clean resource endpoint as it is', () => {
		expect(normaliseEndpoint('https://my-resource.openai.azure.com')).toEqual({
			ok: true,
			endpoint: 'https://my-resource.openai.azure.com',
			changes: []
		});
	});

	it('removes a trailing slash and says so', () => {
		const result = normaliseEndpoint('  https://my-resource.openai.azure.com/ ');
		expect(result).toMatchObject({
			ok: true,
			endpoint: 'https://my-resource.openai.azure.com',
			changes: ['Removed the trailing slash.']
		});
	});

	it('cuts a request URL copied from code down to the resource, keeping deployment and version', () => {
		const result = normaliseEndpoint(
			'https://my-resource.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21'
		);
		expect(result).toMatchObject({
			ok: true,
			endpoint: 'https://my-resource.openai.azure.com',
			deployment: 'gpt-4o-prod',
			apiVersion: '2024-10-21'
		});
		if (!result.ok) throw new Error('expected ok');
		expect(result.changes.join(' ')).toContain('/openai/deployments/gpt-4o-prod/chat/completions');
		expect(result.changes.join(' ')).toContain('?api-version=2024-10-21');
	});

	it('keeps a deployment name with a malformed %-escape as typed instead of failing', () => {
		expect(
			normaliseEndpoint('https://r.openai.azure.com/openai/deployments/gpt%4o/chat/completions')
		).toMatchObject({ ok: true, deployment: 'gpt%4o' });
	});

	it('recognises the v1 path', () => {
		expect(normaliseEndpoint('https://r.openai.azure.com/openai/v1/')).toMatchObject({
			ok: true,
			endpoint: 'https://r.openai.azure.com',
			apiVersion: 'v1'
		});
	});

	it('keeps a gateway path prefix in front of /openai', () => {
		expect(normaliseEndpoint('https://apim.example.com/team-a/openai/deployments/x')).toMatchObject(
			{ ok: true, endpoint: 'https://apim.example.com/team-a', deployment: 'x' }
		);
	});

	it('adds https:// to a bare host name', () => {
		expect(normaliseEndpoint('my-resource.openai.azure.com')).toMatchObject({
			ok: true,
			endpoint: 'https://my-resource.openai.azure.com',
			changes: ['Added https://.']
		});
	});

	it('refuses plain http except for localhost and 127.0.0.1', () => {
		const remote = normaliseEndpoint('http://my-resource.openai.azure.com');
		expect(remote.ok).toBe(false);
		if (!remote.ok) expect(remote.error).toMatch(/https/);
		expect(normaliseEndpoint('http://localhost:4010')).toMatchObject({ ok: true });
		expect(normaliseEndpoint('http://127.0.0.1:4010/')).toMatchObject({
			ok: true,
			endpoint: 'http://127.0.0.1:4010'
		});
	});

	it('refuses text that is not an address, and credentials inside the address', () => {
		expect(normaliseEndpoint('')).toMatchObject({ ok: false });
		expect(normaliseEndpoint('not a url at all')).toMatchObject({ ok: false });
		expect(normaliseEndpoint('https://my resource.openai.azure.com')).toMatchObject({ ok: false });
		expect(normaliseEndpoint('https://exa%mple.com')).toMatchObject({ ok: false });
		expect(normaliseEndpoint('ftp://example.com')).toMatchObject({ ok: false });
		expect(normaliseEndpoint('https://user:secret@r.openai.azure.com')).toMatchObject({
			ok: false
		});
	});
});

describe('connectionSchema', () => {
	it('accepts a full connection and rejects an unknown API version', () => {
		const good = {
			endpoint: 'https://r.openai.azure.com',
			auth: 'api-key',
			token: 'k',
			apiVersion: 'v1'
		};
		expect(connectionSchema.safeParse(good).success).toBe(true);
		expect(connectionSchema.safeParse({ ...good, apiVersion: '2023-05-15' }).success).toBe(false);
		expect(connectionSchema.safeParse({ ...good, auth: 'basic' }).success).toBe(false);
	});
});
