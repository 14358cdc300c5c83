import type { ChatParams, FunctionDefinition } from '$lib/model/chat';
import {
	emptyRaw,
	parseParams,
	toRaw,
	type KnownModel,
	type RawParams,
	type StrictCheck
} from './params';

/** The Parameters form: the fields as typed, parsed once per change into the parameters to send. */
export class ParamsForm {
	raw = $state<RawParams>(emptyRaw());
	/** The deployment's model, once a reply named it: it bounds Max Tokens. */
	known = $state.raw<KnownModel | undefined>(undefined);
	readonly #functions: () => FunctionDefinition[];
	/** Strict mode's schema check, loaded the first time a schema is to be sent strict. */
	#strictCheck = $state.raw<StrictCheck | undefined>(undefined);
	readonly parsed = $derived.by(() => {
		if (this.raw.responseFormat === 'json_schema' && this.raw.schemaStrict && !this.#strictCheck) {
			void import('$lib/model/strict-schema').then(
				({ strictSchemaProblems }) => (this.#strictCheck = strictSchemaProblems)
			);
		}
		return parseParams(this.raw, this.#functions(), this.known, this.#strictCheck);
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
