import type { FunctionDefinition } from '$lib/model/chat';

/** Functions that run in the browser and answer the model by themselves. */
export const BUILTIN_FUNCTIONS: FunctionDefinition[] = [
	{
		name: 'get_current_time',
		description: "The current date and time in the user's time zone.",
		parameters: { type: 'object', properties: {}, additionalProperties: false }
	},
	{
		name: 'calculate',
		description: 'Evaluates an arithmetic expression with + - * / % ^ and parentheses.',
		parameters: {
			type: 'object',
			properties: { expression: { type: 'string', description: 'e.g. (2 + 3) * 4.5' } },
			required: ['expression'],
			additionalProperties: false
		}
	}
];

export function isBuiltin(name: string): boolean {
	return BUILTIN_FUNCTIONS.some((f) => f.name === name);
}
