import { CHAT_PARAMS, type ChatParamKey } from '$lib/model/chat-params';
import {
	REASONING_EFFORTS,
	type ChatParams,
	type FunctionDefinition,
	type ReasoningEffort
} from '$lib/model/chat';
import { fieldText, parseField } from '$lib/model/params';

/** What strict mode refuses in a schema (src/lib/model/strict-schema.ts, loaded when first needed). */
export type StrictCheck = (schema: unknown) => string[];

/** The parameters the table parses by itself (numbers and text); reasoning effort goes with the mode. */
const SIMPLE = CHAT_PARAMS.filter((r) => r.kind !== 'custom' && r.reasoning !== 'only');
type SimpleKey =
	| 'maxTokens'
	| 'n'
	| 'temperature'
	| 'frequencyPenalty'
	| 'presencePenalty'
	| 'topP'
	| 'user'
	| 'seed';

/** The Ask form's parameter fields as typed; empty means "not set" and stays off the wire. */
export type RawParams = Record<SimpleKey, string> & {
	responseFormat: 'text' | 'json_object' | 'json_schema';
	schemaName: string;
	schemaText: string;
	schemaStrict: boolean;
	logitBias: string;
	stop: string[];
	functions: string[];
	reasoning: boolean;
	reasoningEffort: '' | ReasoningEffort;
};

export type ParamErrors = Partial<Record<keyof RawParams, string>>;

export function emptyRaw(): RawParams {
	return {
		responseFormat: 'text',
		schemaName: '',
		schemaText: '',
		schemaStrict: true,
		maxTokens: '',
		n: '',
		temperature: '',
		frequencyPenalty: '',
		presencePenalty: '',
		logitBias: '',
		topP: '',
		stop: [],
		functions: [],
		user: '',
		seed: '',
		reasoning: false,
		reasoningEffort: ''
	};
}

/** The form fields for saved parameters. */
export function toRaw(params: ChatParams): RawParams {
	const raw = emptyRaw();
	for (const row of SIMPLE) {
		if (row.key in raw) raw[row.key as SimpleKey] = fieldText(params[row.key]);
	}
	const format = params.responseFormat;
	return {
		...raw,
		responseFormat: format?.type ?? 'text',
		schemaName: format?.type === 'json_schema' ? format.json_schema.name : '',
		schemaText:
			format?.type === 'json_schema' ? JSON.stringify(format.json_schema.schema, null, 2) : '',
		schemaStrict: format?.type === 'json_schema' ? (format.json_schema.strict ?? false) : true,
		logitBias: params.logitBias ? JSON.stringify(params.logitBias) : '',
		stop: [...(params.stop ?? [])],
		functions: params.tools?.map((t) => t.name) ?? [],
		reasoning: params.reasoning ?? false,
		reasoningEffort: params.reasoningEffort ?? ''
	};
}

/** A JSON schema for the reply, as typed: name and schema text. */
function parseResponseFormat(
	raw: RawParams,
	errors: ParamErrors,
	strictCheck: StrictCheck | undefined
): ChatParams['responseFormat'] {
	if (raw.responseFormat === 'json_object') return { type: 'json_object' };
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
		// Until the checker has loaded (a moment), the schema is not yet known to be good.
		const problems = strictCheck ? strictCheck(schema) : ['Checking the schema…'];
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

function parseLogitBias(text: string, errors: ParamErrors): Record<string, number> | undefined {
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

/** What is known of the deployment's model: its name and how many tokens a reply may have. */
export interface KnownModel {
	model: string;
	maxOutput: number;
}

/** Checks every field the way the service would and builds the parameters that are set. */
export function parseParams(
	raw: RawParams,
	library: FunctionDefinition[],
	known?: KnownModel,
	strictCheck?: StrictCheck
): { params: ChatParams; errors: ParamErrors } {
	const params: ChatParams = {};
	const errors: ParamErrors = {};
	const set = <K extends ChatParamKey>(key: K, value: ChatParams[K] | undefined) => {
		if (value !== undefined) params[key] = value;
	};
	for (const row of SIMPLE) {
		if (!(row.key in raw)) continue;
		const result = parseField(row, raw[row.key as SimpleKey]);
		if (result.error) errors[row.key as SimpleKey] = result.error;
		else set(row.key, result.value as never);
	}
	if (known && params.maxTokens !== undefined && params.maxTokens > known.maxOutput) {
		errors.maxTokens = `${known.model} writes at most ${known.maxOutput.toLocaleString('en')} tokens per reply.`;
		delete params.maxTokens;
	}
	set('responseFormat', parseResponseFormat(raw, errors, strictCheck));
	set('logitBias', parseLogitBias(raw.logitBias, errors));
	const stop = raw.stop.filter((s) => s !== '');
	if (stop.length > 4) errors.stop = 'At most 4 stop sequences.';
	else if (stop.length) params.stop = stop;
	const tools = raw.functions
		.map((name) => library.find((f) => f.name === name))
		.filter((f): f is FunctionDefinition => !!f);
	if (tools.length) params.tools = tools;
	if (raw.reasoning) {
		params.reasoning = true;
		if ((REASONING_EFFORTS as readonly string[]).includes(raw.reasoningEffort)) {
			params.reasoningEffort = raw.reasoningEffort as ReasoningEffort;
		}
	}
	return { params, errors };
}
