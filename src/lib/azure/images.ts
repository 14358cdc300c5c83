import { z } from '$lib/zod';
import type { ApiVersion, Connection } from './connection';
import { AzureError, parseFilterResults, type FilterResult } from './errors';
import { azureJson } from './request';

export type ImageFamily = 'dall-e-3' | 'gpt-image-1';

/** What each model family accepts (CONTRACT §6). */
export const FAMILIES = {
	'dall-e-3': {
		sizes: ['1024x1024', '1792x1024', '1024x1792'],
		qualities: ['standard', 'hd'],
		styles: ['vivid', 'natural'],
		responseFormats: ['url', 'b64_json'],
		maxPrompt: 4000,
		/** The API takes n=1 only; more are sent as requests one after another. */
		maxPerRequest: 1
	},
	'gpt-image-1': {
		sizes: ['1024x1024', '1024x1536', '1536x1024', 'auto'],
		qualities: ['low', 'medium', 'high', 'auto'],
		styles: [],
		responseFormats: [],
		maxPrompt: 32000,
		maxPerRequest: 10
	}
} as const;

/** At most this many images per generation, whatever the family. */
export const MAX_IMAGES = 10;

/** The family a deployment name points to, when the name makes it obvious. */
export function guessFamily(deployment: string): ImageFamily | undefined {
	if (/gpt-?image/i.test(deployment)) return 'gpt-image-1';
	if (/dall-?e/i.test(deployment)) return 'dall-e-3';
	return undefined;
}

/** The API version able to serve the family, when the saved one cannot. */
export function versionProblem(
	family: ImageFamily,
	apiVersion: ApiVersion
): ApiVersion | undefined {
	return family === 'gpt-image-1' && apiVersion === '2024-10-21' ? '2025-04-01-preview' : undefined;
}

export interface ImageForm {
	prompt: string;
	size: string;
	n: number;
	quality: string;
	style: string;
	responseFormat: string;
	outputFormat: '' | 'png' | 'jpeg';
	outputCompression: string;
	background: '' | 'transparent' | 'opaque' | 'auto';
	user: string;
}

/** A form with nothing chosen but the default size. */
export function emptyImageForm(): ImageForm {
	return {
		prompt: '',
		size: '1024x1024',
		n: 1,
		quality: '',
		style: '',
		responseFormat: '',
		outputFormat: '',
		outputCompression: '',
		background: '',
		user: ''
	};
}

export type ImageFormErrors = Partial<Record<keyof ImageForm, string>>;

/** Number inputs hand over numbers (or null when empty) rather than strings. */
const text = (value: unknown) => (value == null ? '' : String(value).trim());

/** Checks the form against the family's limits before anything is sent. */
export function checkImageForm(family: ImageFamily, form: ImageForm): ImageFormErrors {
	const limits = FAMILIES[family];
	const errors: ImageFormErrors = {};
	if (!form.prompt.trim()) errors.prompt = 'Describe the picture you want.';
	else if (form.prompt.length > limits.maxPrompt) {
		errors.prompt = `${family} takes at most ${limits.maxPrompt.toLocaleString('en')} characters; this prompt has ${form.prompt.length.toLocaleString('en')}.`;
	}
	if (!Number.isInteger(form.n) || form.n < 1 || form.n > MAX_IMAGES) {
		errors.n = `Number of Responses must be a whole number from 1 to ${MAX_IMAGES}.`;
	}
	if (form.size && !(limits.sizes as readonly string[]).includes(form.size)) {
		errors.size = `${family} makes ${limits.sizes.join(', ')}.`;
	}
	if (family === 'gpt-image-1' && text(form.outputCompression)) {
		const value = Number(text(form.outputCompression));
		if (!Number.isInteger(value) || value < 0 || value > 100) {
			errors.outputCompression = 'Compression is a whole number from 0 to 100.';
		}
	}
	if (
		family === 'gpt-image-1' &&
		form.background === 'transparent' &&
		form.outputFormat === 'jpeg'
	) {
		errors.background = 'A transparent background needs PNG output.';
	}
	return errors;
}

/** The request body: what the user chose, limited to what the family accepts. */
export function buildImageBody(family: ImageFamily, form: ImageForm): Record<string, unknown> {
	const body: Record<string, unknown> = { prompt: form.prompt };
	const put = (key: string, value: string | number | undefined) => {
		if (value !== undefined && value !== '') body[key] = value;
	};
	put('size', form.size);
	put('quality', form.quality);
	put('user', text(form.user));
	if (family === 'dall-e-3') {
		put('style', form.style);
		put('response_format', form.responseFormat);
	} else {
		put('n', form.n);
		put('output_format', form.outputFormat);
		const compression = text(form.outputCompression);
		if (compression) put('output_compression', Number(compression));
		put('background', form.background);
	}
	return body;
}

const imageResponseSchema = z.object({
	created: z.optional(z.number()),
	data: z.array(
		z.looseObject({
			url: z.optional(z.string()),
			b64_json: z.optional(z.string()),
			revised_prompt: z.optional(z.string()),
			content_filter_results: z.optional(z.unknown()),
			prompt_filter_results: z.optional(z.unknown())
		})
	),
	usage: z.optional(
		z.looseObject({
			input_tokens: z.optional(z.number()),
			output_tokens: z.optional(z.number()),
			total_tokens: z.optional(z.number())
		})
	)
});

export interface GeneratedImage {
	/** Bytes, when the service sent them (b64_json) or the URL's host allowed a download. */
	url?: string;
	b64?: string;
	revisedPrompt?: string;
	filter?: Record<string, FilterResult>;
	promptFilter?: Record<string, FilterResult>;
}

export interface ImageResult {
	images: GeneratedImage[];
	usage?: { input?: number; output?: number; total?: number };
}

/** One images/generations call. */
export async function generateImages(
	connection: Connection,
	request: { deployment: string; body: Record<string, unknown>; signal?: AbortSignal }
): Promise<ImageResult> {
	const json = await azureJson(connection, { operation: 'images/generations', ...request });
	const parsed = imageResponseSchema.safeParse(json);
	if (!parsed.success) {
		throw new AzureError({
			kind: 'unexpected-response',
			status: 200,
			message: 'The answer did not contain images.',
			rawBody: JSON.stringify(json).slice(0, 2000)
		});
	}
	const { data, usage } = parsed.data;
	return {
		images: data.map((d) => {
			const filter = parseFilterResults(d.content_filter_results);
			const promptFilter = parseFilterResults(d.prompt_filter_results);
			return {
				...(d.url ? { url: d.url } : {}),
				...(d.b64_json ? { b64: d.b64_json } : {}),
				...(d.revised_prompt ? { revisedPrompt: d.revised_prompt } : {}),
				...(filter ? { filter } : {}),
				...(promptFilter ? { promptFilter } : {})
			};
		}),
		...(usage
			? {
					usage: {
						input: usage.input_tokens,
						output: usage.output_tokens,
						total: usage.total_tokens
					}
				}
			: {})
	};
}

/** When an Azure image URL stops working: the `se=` (signed expiry) parameter, else 24 hours. */
export function urlExpiry(url: string, created = Date.now()): number {
	try {
		const se = new URL(url).searchParams.get('se');
		const time = se ? Date.parse(se) : NaN;
		if (!Number.isNaN(time)) return time;
	} catch {
		// Not a URL we can read: fall back to the documented 24 hours.
	}
	return created + 24 * 3600 * 1000;
}
