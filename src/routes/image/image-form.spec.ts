import { describe, expect, it } from 'vitest';
import { emptyImageForm, guessFamily, versionProblem, type ImageForm } from '$lib/model/images';
import { checkImageForm } from './image-form';

const form: ImageForm = { ...emptyImageForm(), prompt: 'a tabby cat' };

describe('checkImageForm', () => {
	it('applies each family prompt limit', () => {
		const long = 'x'.repeat(4001);
		expect(checkImageForm('dall-e-3', { ...form, prompt: long }).prompt).toMatch(/at most 4,000/);
		expect(checkImageForm('gpt-image-1', { ...form, prompt: long }).prompt).toBeUndefined();
		expect(checkImageForm('gpt-image-1', { ...form, prompt: 'x'.repeat(32001) }).prompt).toMatch(
			/at most 32,000/
		);
		expect(checkImageForm('dall-e-3', { ...form, prompt: '  ' }).prompt).toMatch(/Describe/);
	});

	it('checks n, sizes, compression and a transparent JPEG', () => {
		expect(checkImageForm('gpt-image-1', { ...form, n: '11' }).n).toMatch(/1 to 10/);
		expect(checkImageForm('dall-e-3', { ...form, size: '1536x1024' }).size).toMatch(/1792x1024/);
		expect(
			checkImageForm('gpt-image-1', { ...form, outputCompression: '120' }).outputCompression
		).toMatch(/0 to 100/);
		expect(
			checkImageForm('gpt-image-1', { ...form, outputFormat: 'jpeg', background: 'transparent' })
				.background
		).toMatch(/PNG/);
		expect(checkImageForm('dall-e-3', form)).toEqual({});
	});
});

describe('families and versions', () => {
	it('guesses the family from obvious deployment names only', () => {
		expect(guessFamily('my-dalle3')).toBe('dall-e-3');
		expect(guessFamily('DALL-E-3-prod')).toBe('dall-e-3');
		expect(guessFamily('gpt-image-1')).toBe('gpt-image-1');
		expect(guessFamily('pictures')).toBeUndefined();
	});

	it('offers a version that can serve gpt-image-1', () => {
		expect(versionProblem('gpt-image-1', '2024-10-21')).toBe('2025-04-01-preview');
		expect(versionProblem('gpt-image-1', 'v1')).toBeUndefined();
		expect(versionProblem('dall-e-3', '2024-10-21')).toBeUndefined();
	});
});
