import { describe, expect, it } from 'vitest';
import { narrowedPolicy, originOf } from './policy';

describe('narrowedPolicy', () => {
	it('lets the page reach only itself, the endpoint and the picture hosts', () => {
		const policy = narrowedPolicy(originOf('https://my-resource.openai.azure.com/openai'));
		expect(policy).toContain(
			"connect-src 'self' https://my-resource.openai.azure.com https://dalleprodsec.blob.core.windows.net"
		);
		expect(policy).toContain("img-src 'self' data: blob: https://my-resource.openai.azure.com");
		expect(policy).toContain("form-action 'none'");
		expect(policy).not.toMatch(/https:(\s|;|$)|\*/);
	});

	it('allows no other host while no endpoint is saved', () => {
		expect(narrowedPolicy(undefined)).toMatch(/^connect-src 'self' https:\/\/dalleprodsec/);
		expect(originOf('not a url')).toBeUndefined();
	});
});
