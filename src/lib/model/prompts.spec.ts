import { describe, expect, it } from 'vitest';
import { fillVariables, promptFileSchema, STARTER_PROMPTS, variablesIn } from './prompts';

describe('variablesIn', () => {
	it('names each variable once, in the order it first appears, spaces inside the braces allowed', () => {
		expect(
			variablesIn('{{ city }} at {{time of day}}, seen from {{city}} ({{ a.b-c_d }})')
		).toEqual(['city', 'time of day', 'a.b-c_d']);
	});

	it('takes no variable from single braces, empty braces or code-like text', () => {
		expect(variablesIn('{name} {{}} {{ }} function f() { return {{a: 1}} }')).toEqual([]);
	});
});

describe('fillVariables', () => {
	it('fills every place a variable appears, and leaves one without a value as written', () => {
		expect(
			fillVariables('{{ product }} {{version}}: {{product}} ships {{date}}', {
				product: 'Cerulean',
				version: '2.0'
			})
		).toBe('Cerulean 2.0: Cerulean ships {{date}}');
	});

	it('puts values in as they are, even ones that look like patterns', () => {
		expect(fillVariables('Say {{x}}', { x: '$& and $1 and {{y}}' })).toBe(
			'Say $& and $1 and {{y}}'
		);
	});
});

describe('the starters', () => {
	it('read back as a prompt file and each asks for at least one value', () => {
		const file = { format: 'cerulean.prompts', version: 1, prompts: STARTER_PROMPTS };
		expect(promptFileSchema.safeParse(file).success).toBe(true);
		for (const prompt of STARTER_PROMPTS)
			expect(variablesIn(prompt.text).length).toBeGreaterThan(0);
	});

	it('refuses a file of another format or with a nameless prompt', () => {
		const prompt = { id: 'a', name: ' ', kind: 'message', text: 'x', updatedAt: 0 };
		expect(
			promptFileSchema.safeParse({ format: 'cerulean.prompts', version: 1, prompts: [prompt] })
				.success
		).toBe(false);
		expect(
			promptFileSchema.safeParse({ format: 'cerulean.conversation', version: 1, prompts: [] })
				.success
		).toBe(false);
	});
});
