import { describe, expect, it } from 'vitest';
import { emptyImageForm, type ImageForm } from '$lib/model/images';
import { buildImageBody, generateImages, urlExpiry } from './images';
import dalle from './fixtures/image-dalle3-url.json?raw';
import gptImage from './fixtures/image-gpt-image-1.json?raw';

const form: ImageForm = { ...emptyImageForm(), prompt: 'a tabby cat' };

describe('per-family request building', () => {
	it('sends dall-e-3 only what it accepts, and never n', () => {
		const body = buildImageBody('dall-e-3', {
			...form,
			n: '3',
			quality: 'hd',
			style: 'natural',
			responseFormat: 'b64_json',
			outputFormat: 'jpeg',
			background: 'opaque',
			user: 'u1'
		});
		expect(body).toEqual({
			prompt: 'a tabby cat',
			size: '1024x1024',
			quality: 'hd',
			style: 'natural',
			response_format: 'b64_json',
			user: 'u1'
		});
	});

	it('sends gpt-image-1 n and its own options, never style or response_format', () => {
		const body = buildImageBody('gpt-image-1', {
			...form,
			size: '1536x1024',
			n: '3',
			quality: 'high',
			style: 'vivid',
			responseFormat: 'url',
			outputFormat: 'jpeg',
			outputCompression: '80',
			background: 'opaque'
		});
		expect(body).toEqual({
			prompt: 'a tabby cat',
			size: '1536x1024',
			n: 3,
			quality: 'high',
			output_format: 'jpeg',
			output_compression: 80,
			background: 'opaque'
		});
	});

	it('leaves untouched options off the wire', () => {
		expect(buildImageBody('gpt-image-1', { ...form, size: '' })).toEqual({
			prompt: 'a tabby cat',
			n: 1
		});
	});
});

describe('generateImages on recorded answers', () => {
	const connection = {
		endpoint: 'https://r.openai.azure.com',
		auth: 'api-key' as const,
		token: 'k',
		apiVersion: '2024-10-21' as const
	};
	const answering = (body: string) => (async () => new Response(body)) as typeof fetch;

	it('never hands on an image link that could run script or open a page', async () => {
		const original = globalThis.fetch;
		const links = ['javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<b>x</b>'];
		globalThis.fetch = answering(
			JSON.stringify({ created: 1, data: links.map((url) => ({ url })) })
		);
		try {
			const refused = await generateImages(connection, { deployment: 'dall-e-3', body: {} }).then(
				() => undefined,
				(error: unknown) => error
			);
			expect(refused).toMatchObject({ kind: 'unexpected-response' });
			expect(String((refused as Error).message)).toMatch(/will not open/);
			// Beside a good one, the bad ones are dropped.
			const recorded = JSON.parse(dalle);
			recorded.data.push({ url: 'javascript:alert(1)' });
			globalThis.fetch = answering(JSON.stringify(recorded));
			const result = await generateImages(connection, { deployment: 'dall-e-3', body: {} });
			expect(result.images.map((i) => i.url?.slice(0, 8))).toEqual(['https://']);
		} finally {
			globalThis.fetch = original;
		}
	});

	it('reads a dall-e-3 url answer with its revised prompt and filters', async () => {
		const original = globalThis.fetch;
		globalThis.fetch = answering(dalle);
		try {
			const result = await generateImages(connection, { deployment: 'dall-e-3', body: {} });
			expect(result.images[0]?.url).toMatch(/^https:\/\//);
			expect(result.images[0]?.revisedPrompt).toBeTruthy();
			expect(result.images[0]?.filter?.violence).toEqual({ filtered: false, severity: 'safe' });
			expect(urlExpiry(result.images[0]?.url ?? '')).toBeGreaterThan(0);
		} finally {
			globalThis.fetch = original;
		}
	});

	it('reads a gpt-image-1 b64_json answer with usage', async () => {
		const original = globalThis.fetch;
		globalThis.fetch = answering(gptImage);
		try {
			const result = await generateImages(
				{ ...connection, apiVersion: '2025-04-01-preview' },
				{ deployment: 'gpt-image-1', body: {} }
			);
			expect(result.images.length).toBeGreaterThan(0);
			expect(result.images.every((i) => i.b64)).toBe(true);
			expect(result.usage?.total).toBeGreaterThan(0);
		} finally {
			globalThis.fetch = original;
		}
	});

	it('reads the signed expiry of an Azure blob URL', () => {
		expect(
			urlExpiry('https://x.blob.core.windows.net/private/a.png?se=2024-12-06T00%3A35%3A40Z&sig=s')
		).toBe(Date.parse('2024-12-06T00:35:40Z'));
		expect(urlExpiry('not a url', 1000)).toBe(1000 + 24 * 3600 * 1000);
	});
});
