import { describe, expect, it } from 'vitest';
import { narrowedPolicy, originOf } from './policy';

describe('narrowedPolicy', () => {
	it('lets the page reach only itself, the endpoints and the picture hosts', () => {
		const policy = narrowedPolicy([
			'https://my-resource.openai.azure.com',
			'https://images-sweden.openai.azure.com'
		]);
		expect(policy).toContain(
			"connect-src 'self' https://my-resource.openai.azure.com https://images-sweden.openai.azure.com https://dalleprodsec.blob.core.windows.net"
		);
		expect(policy).toContain(
			"img-src 'self' data: blob: https://my-resource.openai.azure.com https://images-sweden"
		);
		expect(policy).toContain("form-action 'none'");
		expect(policy).not.toMatch(/https:(\s|;|$)|\*/);
	});

	it('lets sign-in hosts be reached, but not show pictures', () => {
		const policy = narrowedPolicy(
			['https://r.openai.azure.com'],
			['https://login.microsoftonline.com']
		);
		expect(policy).toMatch(/^connect-src [^;]*https:\/\/login\.microsoftonline\.com;/);
		expect(policy).toMatch(/img-src (?:(?!login)[^;])*;/);
	});

	it('allows no other host while no endpoint is saved', () => {
		expect(narrowedPolicy([])).toMatch(/^connect-src 'self' https:\/\/dalleprodsec/);
		expect(originOf('https://r.openai.azure.com/openai/deployments')).toBe(
			'https://r.openai.azure.com'
		);
		expect(originOf('not a url')).toBeUndefined();
	});
});
