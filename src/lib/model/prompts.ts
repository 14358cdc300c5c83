import { z } from '$lib/zod';

// The prompt library: saved system messages and messages, with {{variables}} filled in when used.

/** A system message (Ask, Compare) or a message (Ask, Compare; Create Image's prompt). */
export const PROMPT_KINDS = ['system', 'message'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export const promptSchema = z.object({
	id: z.string().check(z.minLength(1), z.maxLength(100)),
	name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
	kind: z.enum(PROMPT_KINDS),
	text: z.string().check(z.minLength(1), z.maxLength(100_000)),
	updatedAt: z.number()
});
export type SavedPrompt = z.infer<typeof promptSchema>;

/** The file Export prompts writes and Import prompts reads. */
export const promptFileSchema = z.object({
	format: z.literal('cerulean.prompts'),
	version: z.literal(1),
	prompts: z.array(promptSchema).check(z.maxLength(1000))
});
export type PromptFile = z.infer<typeof promptFileSchema>;

/** `{{ name }}`: a name that starts with a letter, digit or underscore, then those, spaces, dots or dashes. */
const VARIABLE = /\{\{\s*(\w[\w .-]*?)\s*\}\}/g;

/** The variables a prompt asks for, each once, in the order they first appear. */
export function variablesIn(text: string): string[] {
	return [...new Set(Array.from(text.matchAll(VARIABLE), (m) => m[1] ?? ''))].filter(Boolean);
}

/** The prompt with each variable replaced by its value; one without a value stays as written. */
export function fillVariables(text: string, values: Record<string, string>): string {
	return text.replace(VARIABLE, (whole, name: string) => values[name] ?? whole);
}

/** A few prompts to start from: not stored, always offered. */
export const STARTER_PROMPTS: readonly SavedPrompt[] = [
	{
		id: 'starter-expert',
		name: 'Concise expert',
		kind: 'system',
		text: 'You are an experienced {{field}} specialist. Answer concisely and precisely, use Markdown for structure, and say so when you are not sure.',
		updatedAt: 0
	},
	{
		id: 'starter-translator',
		name: 'Translator',
		kind: 'system',
		text: 'Translate everything the user writes into {{language}}. Keep the meaning, tone and formatting; do not add explanations.',
		updatedAt: 0
	},
	{
		id: 'starter-summary',
		name: 'Summarize for an audience',
		kind: 'message',
		text: 'Summarize the text below in {{number}} bullet points for {{audience}}. End with one sentence on what to do next.\n\n{{text}}',
		updatedAt: 0
	},
	{
		id: 'starter-code-review',
		name: 'Review code',
		kind: 'message',
		text: 'Review this {{language}} code. List bugs first, then risks, then style, each with the line it concerns and a fix.\n\n```\n{{code}}\n```',
		updatedAt: 0
	},
	{
		id: 'starter-picture',
		name: 'Product picture',
		kind: 'message',
		text: 'A studio photograph of {{product}} on a {{background}} background, soft diffused light, shallow depth of field, high detail',
		updatedAt: 0
	}
];
