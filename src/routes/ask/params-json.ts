// The Ask parameters typed as JSON, parsed the way the service would: loaded the first time one
// is filled in (see params.ts).
import type { ChatParams } from '$lib/model/chat';
import { strictSchemaProblems } from '$lib/model/strict-schema';
import type { ParamErrors, RawParams } from './params';

/** A JSON schema for the reply, as typed: name and schema text, checked for strict mode. */
export function parseSchemaFormat(
	raw: RawParams,
	errors: ParamErrors
): ChatParams['responseFormat'] {
	if (raw.responseFormat !== 'json_schema') return undefined;
	const name = raw.schemaName.trim();
	if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
		errors.schemaName = 'The schema name must be 1 to 64 letters, digits, underscores or hyphens.';
	}
	let schema: unknown;
	try {
		schema = JSON.parse(raw.schemaText);
		if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
			errors.schemaText = 'The schema must be a JSON object, e.g. {"type": "object", ...}.';
		}
	} catch (error) {
		errors.schemaText = `The schema is not valid JSON: ${(error as Error).message}`;
	}
	if (!errors.schemaText && raw.schemaStrict) {
		const problems = strictSchemaProblems(schema);
		if (problems.length) {
			errors.schemaText = `Strict mode refuses this schema: ${problems.join(' ')}`;
		}
	}
	if (errors.schemaName || errors.schemaText) return undefined;
	return {
		type: 'json_schema',
		json_schema: {
			name,
			schema: schema as Record<string, unknown>,
			...(raw.schemaStrict ? { strict: true } : {})
		}
	};
}

export function parseLogitBias(
	text: string,
	errors: ParamErrors
): Record<string, number> | undefined {
	if (!text.trim()) return undefined;
	let bias: unknown;
	try {
		bias = JSON.parse(text);
	} catch {
		bias = undefined;
	}
	if (!bias || typeof bias !== 'object' || Array.isArray(bias)) {
		errors.logitBias =
			'Logit Bias must be a JSON object of token id to bias, e.g. {"50256": -100}.';
		return undefined;
	}
	const entries = Object.entries(bias as Record<string, unknown>);
	const bad = entries.find(
		([token, value]) =>
			!/^\d+$/.test(token) ||
			typeof value !== 'number' ||
			!Number.isInteger(value) ||
			value < -100 ||
			value > 100
	);
	if (bad) {
		errors.logitBias = `"${bad[0]}": ${JSON.stringify(bad[1])} is not allowed: keys are token ids, values whole numbers from -100 to 100.`;
		return undefined;
	}
	return entries.length ? (Object.fromEntries(entries) as Record<string, number>) : undefined;
}
