import { BUILTIN_FUNCTIONS } from '$lib/chat/builtin-functions';
import type { FunctionDefinition } from '$lib/model/chat';
import { loadFunctions, saveFunctions } from '$lib/storage/functions';

/** The user's own functions, kept on this device, beside the built-in ones. */
export class FunctionLibrary {
	own = $state.raw<FunctionDefinition[]>([]);
	/** What went wrong saving, in words. */
	problem = $state<string | undefined>(undefined);

	/** Every function Ask can offer: built-ins first. */
	get all(): FunctionDefinition[] {
		return [...BUILTIN_FUNCTIONS, ...this.own];
	}

	load = async (): Promise<void> => {
		this.own = await loadFunctions().catch(() => []);
	};

	add = (definition: FunctionDefinition): Promise<boolean> => this.#set([...this.own, definition]);

	remove = (name: string): Promise<boolean> => this.#set(this.own.filter((f) => f.name !== name));

	/** Keeps the list; a failed save puts the old one back and says why. */
	#set = async (next: FunctionDefinition[]): Promise<boolean> => {
		const before = this.own;
		this.own = next;
		try {
			await saveFunctions(next);
			this.problem = undefined;
			return true;
		} catch (error) {
			this.own = before;
			this.problem = `The function library could not be saved: ${(error as Error).message}`;
			return false;
		}
	};
}
