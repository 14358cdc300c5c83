import type { CodeSamples, SampleRequest } from '$lib/azure/code-samples';

/** The request as code; the generators are fetched on first use, as View code is rarely opened. */
export async function codeFor(
	request: SampleRequest | undefined
): Promise<CodeSamples | undefined> {
	if (!request) return undefined;
	const { codeSamples } = await import('$lib/azure/code-samples');
	return codeSamples(request);
}
