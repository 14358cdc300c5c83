/// <reference lib="webworker" />
// Counts tokens off the page's main thread with gpt-tokenizer (a port of OpenAI's tiktoken,
// https://github.com/niieani/gpt-tokenizer), loading the encoding a model uses when first asked.
import type { TokenAnswer, TokenJob } from './token-count.svelte';

const ENCODINGS = {
	o200k_base: () => import('gpt-tokenizer/encoding/o200k_base'),
	cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base')
};

// Text that looks like a special token (<|endoftext|>) is counted as the text it is.
const AS_TEXT = { disallowedSpecial: new Set<string>() };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<TokenJob>) => {
	const { id, encoding, texts } = event.data;
	let answer: TokenAnswer;
	try {
		const { countTokens } = await ENCODINGS[encoding]();
		answer = { id, counts: texts.map((text) => countTokens(text, AS_TEXT)) };
	} catch (error) {
		answer = { id, error: error instanceof Error ? error.message : String(error) };
	}
	scope.postMessage(answer);
};
