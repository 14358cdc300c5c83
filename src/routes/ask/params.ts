import { grouped } from '$lib/components/format';
import { CHAT_PARAMS, type ChatParamKey } from '$lib/model/chat-params';
import {
	REASONING_EFFORTS,
	type ChatParams,
	type FunctionDefinition,
	type ReasoningEffort
} from '$lib/model/chat';
import { fieldText, parseField } from '$lib/model/params';

/**
 * The fields typed as JSON (a schema for the reply, Logit Bias): parsed by params-json.ts, loaded
 * the first time one is filled in, as most messages are sent without them.
 */
export type JsonFields = typeof import('./params-json');

/** Whether the raw fields need the JSON parsers. */
export const needsJson = (raw: RawParams): boolean =>
	raw.responseFormat === 'json_schema' || !!raw.logitBias.trim();

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
	json?: JsonFields
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
		errors.maxTokens = `${known.model} writes at most ${grouped(known.maxOutput)} tokens per reply.`;
		delete params.maxTokens;
	}
	if (raw.responseFormat === 'json_object') params.responseFormat = { type: 'json_object' };
	if (needsJson(raw) && !json) {
		// Until the parsers have loaded (a moment), nothing is sent.
		if (raw.responseFormat === 'json_schema') errors.schemaText = 'Checking the schema…';
		if (raw.logitBias.trim()) errors.logitBias = 'Checking…';
	} else if (json) {
		set('responseFormat', json.parseSchemaFormat(raw, errors));
		set('logitBias', json.parseLogitBias(raw.logitBias, errors));
	}
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
