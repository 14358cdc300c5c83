import type { ChatParams, FunctionDefinition, ReasoningEffort } from '$lib/azure/chat';

/** The Ask form's parameter fields as typed; empty means "not set" and stays off the wire. */
export interface RawParams {
	responseFormat: 'text' | 'json_object' | 'json_schema';
	schemaName: string;
	schemaText: string;
	schemaStrict: boolean;
	maxTokens: string;
	n: string;
	temperature: string;
	frequencyPenalty: string;
	presencePenalty: string;
	logitBias: string;
	topP: string;
	stop: string[];
	functions: string[];
	user: string;
	seed: string;
	reasoning: boolean;
	reasoningEffort: '' | ReasoningEffort;
}

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

const str = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The form fields for saved parameters. */
export function toRaw(params: ChatParams): RawParams {
	const format = params.responseFormat;
	return {
		...emptyRaw(),
		responseFormat: format?.type ?? 'text',
		schemaName: format?.type === 'json_schema' ? format.json_schema.name : '',
		schemaText:
			format?.type === 'json_schema' ? JSON.stringify(format.json_schema.schema, null, 2) : '',
		schemaStrict: format?.type === 'json_schema' ? (format.json_schema.strict ?? false) : true,
		maxTokens: str(params.maxTokens),
		n: str(params.n),
		temperature: str(params.temperature),
		frequencyPenalty: str(params.frequencyPenalty),
		presencePenalty: str(params.presencePenalty),
		logitBias: params.logitBias ? JSON.stringify(params.logitBias) : '',
		topP: str(params.topP),
		stop: params.stop ?? [],
		functions: params.tools?.map((t) => t.name) ?? [],
		user: params.user ?? '',
		seed: str(params.seed),
		reasoning: params.reasoning ?? false,
		reasoningEffort: params.reasoningEffort ?? ''
	};
}

function number(
	text: unknown,
	label: string,
	range: { min: number; max: number; integer?: boolean }
): { value?: number; error?: string } {
	// Number inputs bound with bind:value hand over numbers (or null when empty), not strings.
	const trimmed = text == null ? '' : String(text).trim();
	if (!trimmed) return {};
	const value = Number(trimmed);
	if (!Number.isFinite(value)) return { error: `${label} must be a number.` };
	if (range.integer && !Number.isInteger(value))
		return { error: `${label} must be a whole number.` };
	if (value < range.min || value > range.max) {
		return { error: `${label} must be between ${range.min} and ${range.max}.` };
	}
	return { value };
}

/** Checks every field the way the service would and builds the parameters that are set. */
export function parseParams(
	raw: RawParams,
	library: FunctionDefinition[]
): { params: ChatParams; errors: ParamErrors } {
	const params: ChatParams = {};
	const errors: ParamErrors = {};
	const numeric: [
		keyof RawParams & keyof ChatParams,
		string,
		{ min: number; max: number; integer?: boolean }
	][] = [
		['maxTokens', 'Max Tokens', { min: 1, max: 1_000_000, integer: true }],
		['n', 'Number of Chat Completion Choices', { min: 1, max: 128, integer: true }],
		['temperature', 'Temperature', { min: 0, max: 2 }],
		['frequencyPenalty', 'Frequency Penalty', { min: -2, max: 2 }],
		['presencePenalty', 'Presence Penalty', { min: -2, max: 2 }],
		['topP', 'Top P', { min: 0, max: 1 }],
		['seed', 'Seed', { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true }]
	];
	for (const [key, label, range] of numeric) {
		const result = number(raw[key], label, range);
		if (result.error) errors[key] = result.error;
		else if (result.value !== undefined) (params as Record<string, unknown>)[key] = result.value;
	}

	if (raw.responseFormat === 'json_object') params.responseFormat = { type: 'json_object' };
	if (raw.responseFormat === 'json_schema') {
		const name = raw.schemaName.trim();
		if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
			errors.schemaName =
				'The schema name must be 1 to 64 letters, digits, underscores or hyphens.';
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
		if (!errors.schemaName && !errors.schemaText) {
			params.responseFormat = {
				type: 'json_schema',
				json_schema: {
					name,
					schema: schema as Record<string, unknown>,
					...(raw.schemaStrict ? { strict: true } : {})
				}
			};
		}
	}

	if (raw.logitBias.trim()) {
		try {
			const bias = JSON.parse(raw.logitBias) as unknown;
			if (!bias || typeof bias !== 'object' || Array.isArray(bias))
				throw new Error('not an object');
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
			} else if (entries.length) {
				params.logitBias = Object.fromEntries(entries) as Record<string, number>;
			}
		} catch {
			errors.logitBias =
				'Logit Bias must be a JSON object of token id to bias, e.g. {"50256": -100}.';
		}
	}

	const stop = raw.stop.filter((s) => s !== '');
	if (stop.length > 4) errors.stop = 'At most 4 stop sequences.';
	else if (stop.length) params.stop = stop;

	if (raw.functions.length) {
		const tools = raw.functions
			.map((name) => library.find((f) => f.name === name))
			.filter((f): f is FunctionDefinition => !!f);
		if (tools.length) params.tools = tools;
	}
	if (raw.user.trim()) params.user = raw.user.trim();
	if (raw.reasoning) {
		params.reasoning = true;
		if (raw.reasoningEffort) params.reasoningEffort = raw.reasoningEffort;
	}
	return { params, errors };
}
