import { describe, expect, it } from 'vitest';
import { fixStrictSchema, strictSchemaProblems } from './strict-schema';

const loose = {
	type: 'object',
	properties: {
		city: { type: 'string' },
		districts: {
			type: 'array',
			items: { type: 'object', properties: { name: { type: 'string' }, area: { type: 'number' } } }
		}
	},
	$defs: { point: { type: 'object', properties: { x: { type: 'number' } } } }
};

describe('strict structured output', () => {
	it('names every object that is not closed or does not require all its properties', () => {
		expect(strictSchemaProblems(loose)).toEqual([
			'The schema needs "additionalProperties": false.',
			'The schema must list "city", "districts" in "required".',
			'The object at properties.districts.items needs "additionalProperties": false.',
			'The object at properties.districts.items must list "name", "area" in "required".',
			'The object at $defs.point needs "additionalProperties": false.',
			'The object at $defs.point must list "x" in "required".'
		]);
		expect(strictSchemaProblems({ type: 'array' })).toEqual([
			'Strict mode needs the schema itself to be "type": "object".'
		]);
	});

	it('fixes what it finds, leaving the original alone', () => {
		const fixed = fixStrictSchema(loose);
		expect(strictSchemaProblems(fixed)).toEqual([]);
		expect(strictSchemaProblems(loose)).toHaveLength(6);
		expect(fixed).toMatchObject({ required: ['city', 'districts'], additionalProperties: false });
	});
});
