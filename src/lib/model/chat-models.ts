/** What a model can read and write, in tokens. */
export interface ModelLimits {
	context: number;
	maxOutput: number;
}

/**
 * Limits by the model name the service reports in every reply (e.g. gpt-4o-2024-08-06), from
 * https://learn.microsoft.com/azure/ai-foundry/openai/concepts/models. First match wins.
 */
const LIMITS: [RegExp, ModelLimits][] = [
	[/^gpt-4o-mini/, { context: 128_000, maxOutput: 16_384 }],
	[/^gpt-4o-2024-05-13/, { context: 128_000, maxOutput: 4_096 }],
	[/^gpt-4o/, { context: 128_000, maxOutput: 16_384 }],
	[/^gpt-4\.1/, { context: 1_047_576, maxOutput: 32_768 }],
	[/^gpt-5/, { context: 400_000, maxOutput: 128_000 }],
	[/^o1-mini/, { context: 128_000, maxOutput: 65_536 }],
	[/^o[134]/, { context: 200_000, maxOutput: 100_000 }],
	[/^gpt-35-turbo/, { context: 16_385, maxOutput: 4_096 }],
	[/^gpt-4-(turbo|\d{4}-preview|vision)/, { context: 128_000, maxOutput: 4_096 }],
	[/^gpt-4-32k/, { context: 32_768, maxOutput: 32_768 }],
	[/^gpt-4(-|$)/, { context: 8_192, maxOutput: 8_192 }]
];

/** The limits of a model, when Cerulean knows them. */
export function modelLimits(model: string | undefined): ModelLimits | undefined {
	if (!model) return undefined;
	return LIMITS.find(([pattern]) => pattern.test(model))?.[1];
}
