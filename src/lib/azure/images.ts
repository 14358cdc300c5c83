import { IMAGE_PARAMS, type ImageFamily, type ImageForm } from '$lib/model/images';
import type { FilterResults } from '$lib/model/chat';
import { parseField } from '$lib/model/params';
import { safeUrl } from '$lib/model/safe-url';
import type { Connection } from '$lib/model/settings';
import { z } from '$lib/zod';
import { parseFilterResults } from './error-body';
import { AzureError } from './errors';
import { azureJson } from './request';

/** The request body from the parameter table: what the user chose, limited to what the family accepts. */
export function buildImageBody(family: ImageFamily, form: ImageForm): Record<string, unknown> {
	const body: Record<string, unknown> = { prompt: form.prompt };
	for (const row of IMAGE_PARAMS) {
		if (row.families && !row.families.includes(family)) continue;
		if (row.sentFor && !row.sentFor.includes(family)) continue;
		const { value } = parseField(row, form[row.key], family);
		if (value !== undefined) body[row.wire] = value;
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
	filter?: FilterResults;
	promptFilter?: FilterResults;
}

export interface ImageResult {
	images: GeneratedImage[];
	usage?: { input?: number; output?: number; total?: number };
}

/**
 * How long one images/generations call may take before Cerulean gives up: gpt-image-1 at high
 * quality takes a minute or two, so five minutes means something is stuck.
 */
export const IMAGE_TIMEOUT_MS = 300_000;

/** One images/generations call. */
export async function generateImages(
	connection: Connection,
	request: { deployment: string; body: Record<string, unknown>; signal?: AbortSignal }
): Promise<ImageResult> {
	const json = await azureJson(connection, {
		operation: 'images/generations',
		timeoutMs: IMAGE_TIMEOUT_MS,
		...request
	});
	const parsed = imageResponseSchema.safeParse(json);
	if (!parsed.success) {
		throw new AzureError({
			kind: 'unexpected-response',
			status: 200,
			message: 'The answer did not contain images.',
			rawBody: JSON.stringify(json).slice(0, 2000)
		});
	}
	const { usage } = parsed.data;
	// A link that is not https (or image data) is never shown or opened: `javascript:` and the like.
	const data = parsed.data.data.filter((d) => d.b64_json || safeUrl(d.url));
	if (!data.length && parsed.data.data.length) {
		throw new AzureError({
			kind: 'unexpected-response',
			status: 200,
			message:
				'The answer linked its images with addresses Cerulean will not open (only https links and image data are shown).',
			rawBody: JSON.stringify(json).slice(0, 2000)
		});
	}
	return {
		images: data.map((d) => {
			const filter = parseFilterResults(d.content_filter_results);
			const promptFilter = parseFilterResults(d.prompt_filter_results);
			const url = safeUrl(d.url);
			return {
				...(url ? { url } : {}),
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
