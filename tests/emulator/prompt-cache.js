// @ts-check
// Azure's prompt caching, as https://learn.microsoft.com/azure/ai-foundry/openai/how-to/prompt-caching
// describes it: a prompt of at least 1,024 tokens whose beginning matches one the deployment saw
// recently is partly read from the cache, in steps of 128 tokens from 1,024 on, and the usage says
// how many in `prompt_tokens_details.cached_tokens`.
import { textOf } from './replies.js';

const MIN_TOKENS = 1024;
const STEP = 128;
/** Prompts remembered per deployment. */
const KEEP = 20;

export function promptCache() {
	/** @type {Map<string, string[]>} */
	const seen = new Map();
	return {
		/**
		 * How many of this prompt's tokens come from the cache; remembers it for the next.
		 * @param {string} deployment @param {any[]} messages @param {number} promptTokens
		 */
		take(deployment, messages, promptTokens) {
			const text = JSON.stringify(messages.map((m) => [m.role, textOf(m)]));
			const earlier = seen.get(deployment) ?? [];
			let common = 0;
			for (const other of earlier) {
				let i = 0;
				while (i < other.length && i < text.length && other[i] === text[i]) i++;
				common = Math.max(common, i);
			}
			seen.set(deployment, [...earlier, text].slice(-KEEP));
			// The emulator counts a token per four characters (see promptTokens in chat-validate.js).
			const shared = Math.min(promptTokens, Math.floor(common / 4));
			if (promptTokens < MIN_TOKENS || shared < MIN_TOKENS) return 0;
			return Math.floor(shared / STEP) * STEP;
		},
		clear() {
			seen.clear();
		}
	};
}
