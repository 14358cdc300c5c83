// @ts-check
// Image generation for dall-e-3 and gpt-image-1: the image service's own validation errors
// (`invalidPayload`), real PNGs of the requested size, and Azure's 24-hour blob URLs for dall-e-3.
import { randomUUID } from 'node:crypto';
import { invalid, invalidPayload, operationNotSupported } from './errors.js';
import { SAMPLE_JPEG_BASE64 } from './jpeg.js';
import { hash, makePng } from './png.js';
import { SAFE_SEVERITY } from './errors.js';

const FAMILY_RULES = {
	'dall-e-3': {
		maxPrompt: 4000,
		sizes: ['1024x1024', '1792x1024', '1024x1792'],
		qualities: ['standard', 'hd'],
		enums: { style: ['vivid', 'natural'], response_format: ['url', 'b64_json'] },
		unknown: ['output_format', 'output_compression', 'background', 'moderation'],
		maxN: 1
	},
	'gpt-image-1': {
		maxPrompt: 32000,
		sizes: ['1024x1024', '1024x1536', '1536x1024', 'auto'],
		qualities: ['low', 'medium', 'high', 'auto'],
		enums: {
			output_format: ['png', 'jpeg'],
			background: ['transparent', 'opaque', 'auto'],
			moderation: ['low', 'auto']
		},
		unknown: ['style', 'response_format'],
		maxN: 10
	}
};

/** @param {any} body @param {import('./deployments.js').ImageDeployment} deployment @param {boolean} preview */
function validateImages(body, deployment, preview) {
	if (!body || typeof body.prompt !== 'string' || !body.prompt) {
		throw invalid("'prompt' is a required property", 'prompt');
	}
	const rules = FAMILY_RULES[deployment.family];
	if (deployment.family === 'gpt-image-1' && !preview) {
		throw operationNotSupported('imagesGenerate', deployment.model);
	}
	for (const name of rules.unknown) {
		if (body[name] !== undefined)
			throw invalid(`Unknown parameter: '${name}'.`, name, 'unknown_parameter');
	}
	if (body.prompt.length > rules.maxPrompt) throw invalidPayload('prompt');
	if (body.size !== undefined && !rules.sizes.includes(body.size)) throw invalidPayload('size');
	if (body.quality !== undefined && !rules.qualities.includes(body.quality))
		throw invalidPayload('quality');
	for (const [name, allowed] of Object.entries(rules.enums)) {
		if (body[name] !== undefined && !allowed.includes(body[name])) throw invalidPayload(name);
	}
	const n = body.n ?? 1;
	if (!Number.isInteger(n) || n < 1 || n > rules.maxN) throw invalidPayload('n');
	const compression = body.output_compression;
	if (
		compression !== undefined &&
		(!Number.isInteger(compression) || compression < 0 || compression > 100)
	) {
		throw invalidPayload('output_compression');
	}
	if (body.background === 'transparent' && body.output_format === 'jpeg') {
		throw invalidPayload('background');
	}
}

/**
 * The answer to an images/generations request.
 * @param {any} body @param {import('./deployments.js').ImageDeployment} deployment @param {boolean} preview
 * @param {{ origin: string, blobs: Map<string, Buffer> }} host where dall-e-3 URLs point, and their bytes
 */
export function generateImages(body, deployment, preview, host) {
	validateImages(body, deployment, preview);
	const dalle = deployment.family === 'dall-e-3';
	const size = body.size ?? '1024x1024';
	const [width, height] = (size === 'auto' ? '1024x1024' : size).split('x').map(Number);
	const n = body.n ?? 1;
	const data = Array.from({ length: n }, (_, i) => {
		const png = makePng(width ?? 1024, height ?? 1024, hash(`${body.prompt}#${i}`));
		if (!dalle) {
			return {
				b64_json: body.output_format === 'jpeg' ? SAMPLE_JPEG_BASE64 : png.toString('base64')
			};
		}
		const revised = `A detailed picture of ${body.prompt.trim().replace(/[.]+$/, '')}, as imagined by the Cerulean emulator.`;
		const filters = {
			content_filter_results: SAFE_SEVERITY,
			prompt_filter_results: { ...SAFE_SEVERITY, profanity: { detected: false, filtered: false } },
			revised_prompt: revised
		};
		if (body.response_format === 'b64_json')
			return { b64_json: png.toString('base64'), ...filters };
		const id = randomUUID();
		host.blobs.set(id, png);
		const expiry = new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
		return {
			url: `${host.origin}/__emulator/blob/${id}.png?se=${encodeURIComponent(expiry)}&sig=emulator`,
			...filters
		};
	});
	return {
		created: Math.floor(Date.now() / 1000),
		data,
		...(dalle
			? {}
			: {
					usage: {
						input_tokens: 12,
						input_tokens_details: { image_tokens: 0, text_tokens: 12 },
						output_tokens: 4160 * n,
						total_tokens: 12 + 4160 * n
					}
				})
	};
}
