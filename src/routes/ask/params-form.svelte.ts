import type { ChatParams, FunctionDefinition } from '$lib/model/chat';
import { emptyRaw, parseParams, toRaw, type KnownModel, type RawParams } from './params';

/** The Parameters form: the fields as typed, parsed once per change into the parameters to send. */
export class ParamsForm {
	raw = $state<RawParams>(emptyRaw());
	/** The deployment's model, once a reply named it: it bounds Max Tokens. */
	known = $state.raw<KnownModel | undefined>(undefined);
	readonly #functions: () => FunctionDefinition[];
	readonly parsed = $derived.by(() => parseParams(this.raw, this.#functions(), this.known));

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
