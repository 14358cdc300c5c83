import { newId } from '$lib/id';
import {
	promptFileSchema,
	STARTER_PROMPTS,
	type PromptKind,
	type SavedPrompt
} from '$lib/model/prompts';
import { prompts } from '$lib/storage/prompts';
import { issueAt } from '$lib/zod';
import { readList } from './read-list';

/** The largest file Import prompts reads. */
const MAX_IMPORT_BYTES = 5 * 1048576;

/**
 * The prompt library: the starters and the prompts saved on this device, searched, added,
 * changed, removed, imported and exported. Loaded with the library's dialog, on first use.
 */
class PromptLibrary {
	own = $state.raw<SavedPrompt[]>([]);
	/** What went wrong reading or writing, in words. */
	problem = $state<string | undefined>(undefined);
	#loading: Promise<void> | undefined;

	load = (): Promise<void> =>
		(this.#loading ??= readList(prompts.load, 'saved prompts').then(({ items, problem }) => {
			this.own = items;
			this.problem = problem;
		}));

	/** Saved prompts first (newest first), then the starters; of `kinds`, matching every word of `query`. */
	find = (query: string, kinds: readonly PromptKind[]): SavedPrompt[] => {
		const words = query.toLowerCase().split(/\s+/).filter(Boolean);
		return [...this.own, ...STARTER_PROMPTS].filter((p) => {
			if (!kinds.includes(p.kind)) return false;
			const text = `${p.name}\n${p.text}`.toLowerCase();
			return words.every((word) => text.includes(word));
		});
	};

	/** Whether a prompt is the user's own (a starter cannot be changed or removed). */
	isOwn = (id: string): boolean => this.own.some((p) => p.id === id);

	/** Adds a prompt, or changes the one with its id; false (and the problem said) when not kept. */
	save = async (
		prompt: Omit<SavedPrompt, 'id' | 'updatedAt'> & { id?: string }
	): Promise<boolean> => {
		// A change waits for the stored list, which would otherwise arrive after it and replace it.
		await this.load();
		const saved: SavedPrompt = { ...prompt, id: prompt.id ?? newId(), updatedAt: Date.now() };
		try {
			await prompts.save(saved);
		} catch (error) {
			this.problem = `The prompt could not be saved: ${(error as Error).message}`;
			return false;
		}
		this.own = [saved, ...this.own.filter((p) => p.id !== saved.id)];
		this.problem = undefined;
		return true;
	};

	remove = async (id: string): Promise<void> => {
		await this.load();
		try {
			await prompts.remove(id);
			this.own = this.own.filter((p) => p.id !== id);
		} catch (error) {
			this.problem = `The prompt could not be deleted: ${(error as Error).message}`;
		}
	};

	/**
	 * Adds the prompts of an exported file (one with the id of a saved prompt replaces it). Says
	 * what happened; a file that is not a prompt library changes nothing.
	 */
	importFile = async (file: File): Promise<{ ok: boolean; text: string }> => {
		const refused = (text: string) => ({ ok: false, text });
		if (file.size > MAX_IMPORT_BYTES) {
			return refused(
				`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; a prompt library file is at most 5 MB.`
			);
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(await file.text());
		} catch {
			return refused(`${file.name} is not JSON. Choose a file made by Export prompts.`);
		}
		const checked = promptFileSchema.safeParse(parsed);
		if (!checked.success) {
			return refused(
				`${file.name} is not a Cerulean prompt library (${issueAt(checked.error.issues[0])}). Nothing was imported.`
			);
		}
		const incoming = checked.data.prompts;
		await this.load();
		try {
			for (const prompt of incoming) await prompts.save(prompt);
		} catch (error) {
			return refused(`The prompts could not be saved: ${(error as Error).message}`);
		}
		const ids = new Set(incoming.map((p) => p.id));
		this.own = [...incoming, ...this.own.filter((p) => !ids.has(p.id))].sort(
			(a, b) => b.updatedAt - a.updatedAt
		);
		return {
			ok: true,
			text: `Imported ${incoming.length} prompt${incoming.length === 1 ? '' : 's'} from ${file.name}.`
		};
	};

	/** The saved prompts as a file Import prompts reads back. */
	exportFile = (): { name: string; type: string; content: string } => ({
		name: 'cerulean-prompts.json',
		type: 'application/json',
		content: JSON.stringify(
			{ format: 'cerulean.prompts', version: 1, prompts: this.own },
			null,
			'\t'
		)
	});
}

export const promptLibrary = new PromptLibrary();
