import { z } from '$lib/zod';
import { filterSchema } from './chat';
import { fieldText } from './field-text';
import { USER_PARAM, type ParamRow } from './params';
import type { ApiVersion } from './settings';

export const IMAGE_FAMILIES = ['dall-e-3', 'gpt-image-1'] as const;
export type ImageFamily = (typeof IMAGE_FAMILIES)[number];

/**
 * What each family takes beyond its parameters: the prompt length and images per request
 * (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/dall-e).
 */
export const FAMILY_LIMITS: Record<ImageFamily, { maxPrompt: number; maxPerRequest: number }> = {
	// dall-e-3 takes n=1 only; more are sent as requests one after another.
	'dall-e-3': { maxPrompt: 4000, maxPerRequest: 1 },
	'gpt-image-1': { maxPrompt: 32000, maxPerRequest: 10 }
};

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

export type ImageParamKey =
	| 'size'
	| 'n'
	| 'quality'
	| 'style'
	| 'responseFormat'
	| 'outputFormat'
	| 'outputCompression'
	| 'background'
	| 'user';

export interface ImageParamRow extends ParamRow<ImageParamKey, ImageFamily> {
	/** The families it travels to on the wire, where the form offers it to more. */
	sentFor?: readonly ImageFamily[];
}

/** Create Image's parameters, in the order the form shows them (2024-10-21 and 2025-04-01-preview specs). */
export const IMAGE_PARAMS: readonly ImageParamRow[] = [
	{
		key: 'size',
		label: 'Size',
		wire: 'size',
		kind: 'choice',
		choices: {
			'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
			'gpt-image-1': ['1024x1024', '1024x1536', '1536x1024', 'auto']
		},
		defaultText: '1024x1024',
		help: 'Width x height in pixels.',
		required: true
	},
	{
		key: 'n',
		label: 'Number of Responses',
		wire: 'n',
		kind: 'integer',
		min: 1,
		max: MAX_IMAGES,
		step: 1,
		defaultText: '1',
		help: 'dall-e-3 makes one image per request: more are requested one after another.',
		invalid: `Number of Responses must be a whole number from 1 to ${MAX_IMAGES}.`,
		sentFor: ['gpt-image-1']
	},
	{
		key: 'quality',
		label: 'Quality',
		wire: 'quality',
		kind: 'choice',
		choices: { 'dall-e-3': ['standard', 'hd'], 'gpt-image-1': ['low', 'medium', 'high', 'auto'] },
		defaultText: '',
		help: 'Finer detail takes longer.'
	},
	{
		key: 'style',
		label: 'Style',
		wire: 'style',
		kind: 'choice',
		choices: ['vivid', 'natural'],
		defaultText: 'vivid',
		help: 'Vivid leans dramatic; natural, realistic.',
		families: ['dall-e-3']
	},
	{
		key: 'responseFormat',
		label: 'Response Format',
		wire: 'response_format',
		kind: 'choice',
		choices: ['url', 'b64_json'],
		defaultText: 'url',
		help: 'A link valid for 24 hours, or the bytes in the answer. Either way the gallery keeps the image.',
		families: ['dall-e-3']
	},
	{
		key: 'outputFormat',
		label: 'Output Format',
		wire: 'output_format',
		kind: 'choice',
		choices: ['png', 'jpeg'],
		defaultText: 'png',
		help: 'Azure makes PNG or JPEG.',
		families: ['gpt-image-1']
	},
	{
		key: 'outputCompression',
		label: 'Output Compression',
		wire: 'output_compression',
		kind: 'integer',
		min: 0,
		max: 100,
		step: 1,
		defaultText: '100',
		help: 'JPEG quality from 0 to 100.',
		invalid: 'Compression is a whole number from 0 to 100.',
		families: ['gpt-image-1']
	},
	{
		key: 'background',
		label: 'Background',
		wire: 'background',
		kind: 'choice',
		choices: ['auto', 'opaque', 'transparent'],
		defaultText: 'auto',
		help: 'Transparent needs PNG output.',
		families: ['gpt-image-1']
	},
	USER_PARAM
];

/** The form as sent, kept with each generation so a past prompt can be reused with its settings. */
export const imageFormSchema = z.object({
	prompt: z.string(),
	size: z.string(),
	n: fieldText,
	quality: fieldText,
	style: fieldText,
	responseFormat: fieldText,
	outputFormat: fieldText,
	outputCompression: fieldText,
	background: fieldText,
	user: fieldText
});
export type ImageForm = z.infer<typeof imageFormSchema>;

/** How many pictures the form asks for (one where it names none). */
export const picturesAsked = (form: ImageForm): number => Number(form.n) || 1;

/** A form with nothing chosen but the default size. */
export function emptyImageForm(): ImageForm {
	return {
		prompt: '',
		size: '1024x1024',
		n: '1',
		quality: '',
		style: '',
		responseFormat: '',
		outputFormat: '',
		outputCompression: '',
		background: '',
		user: ''
	};
}

export const storedImageSchema = z.object({
	/** The picture itself: Azure's URLs expire after 24 hours, so the gallery keeps bytes. */
	blob: z.optional(z.custom<Blob>((value) => value instanceof Blob)),
	/** Kept only when the bytes could not be fetched (the host refused a cross-origin download). */
	url: z.optional(z.string()),
	expiresAt: z.optional(z.number()),
	revisedPrompt: z.optional(z.string()),
	filter: z.optional(filterSchema),
	promptFilter: z.optional(filterSchema)
});
export type StoredImage = z.infer<typeof storedImageSchema>;

export const generationSchema = z.object({
	id: z.string(),
	createdAt: z.number(),
	deployment: z.string(),
	family: z.enum(IMAGE_FAMILIES),
	form: imageFormSchema,
	images: z.array(storedImageSchema),
	usage: z.optional(z.object({ total: z.optional(z.number()) })),
	/** From the first request to the last picture kept, as this browser measured it. */
	durationMs: z.optional(z.number())
});
export type Generation = z.infer<typeof generationSchema>;
