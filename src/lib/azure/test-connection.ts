import { z } from '$lib/zod';
import type { Connection } from '$lib/model/settings';
import { AzureError } from './errors';
import { azureJson } from './request';

const modelList = z.object({ data: z.array(z.looseObject({ id: z.string() })) });

export interface ConnectionCheck {
	/** How many models the resource offers, as proof that endpoint and token work. */
	modelCount: number;
}

/** How long Test connection waits for an answer. */
export const TEST_TIMEOUT_MS = 20_000;

/** One real request (list models) that proves endpoint, path and token work together. */
export async function testConnection(
	connection: Connection,
	options: { signal?: AbortSignal; fetch?: typeof fetch; timeoutMs?: number } = {}
): Promise<ConnectionCheck> {
	const json = await azureJson(connection, {
		operation: 'models',
		timeoutMs: TEST_TIMEOUT_MS,
		...options
	});
	const parsed = modelList.safeParse(json);
	if (!parsed.success) {
		throw new AzureError({
			kind: 'unexpected-response',
			status: 200,
			message: 'The endpoint answered, but not with a list of models.',
			rawBody: JSON.stringify(json).slice(0, 2000)
		});
	}
	return { modelCount: parsed.data.data.length };
}
