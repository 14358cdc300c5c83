import type { ChatParams, FunctionDefinition } from '$lib/model/chat';
import {
	emptyRaw,
	needsJson,
	parseParams,
	toRaw,
	type JsonFields,
	type KnownModel,
	type RawParams
} from './params';

/** The Parameters form: the fields as typed, parsed once per change into the parameters to send. */
export class ParamsForm {
	raw = $state<RawParams>(emptyRaw());
	/** The deployment's model, once a reply named it: it bounds Max Tokens. */
	known = $state.raw<KnownModel | undefined>(undefined);
	readonly #functions: () => FunctionDefinition[];
	/** The JSON fields' parsers, loaded the first time one is filled in. */
	#json = $state.raw<JsonFields | undefined>(undefined);
	readonly parsed = $derived.by(() => {
		if (needsJson(this.raw) && !this.#json) {
			void import('./params-json').then((json) => (this.#json = json));
		}
		return parseParams(this.raw, this.#functions(), this.known, this.#json);
	});

	constructor(functions: () => FunctionDefinition[]) {
		this.#functions = functions;
	}

	get errorCount(): number {
		return Object.keys(this.parsed.errors).length;
	}

	/** Shows a conversation's saved parameters. */
	load = (params: ChatParams): void => {
		this.raw = toRaw(params);
	};
}
