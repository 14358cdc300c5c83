import { loadPrefs, savePrefs } from '$lib/storage/prefs';
import type { FeaturePage } from '$lib/model/team-config';
import type { z } from '$lib/zod';

/**
 * A page's last choices (`keys` of its session), read back into the session once and written on
 * every change: a small record, where the newest write wins.
 */
export function remembered<S extends z.ZodMiniType<object>>(
	page: FeaturePage,
	schema: S,
	keys: readonly (keyof z.output<S>)[]
) {
	type Prefs = z.output<S>;
	return {
		page,
		/**
		 * Puts the kept choices back into `target`, when there are any. A choice the person changed
		 * while they were being read (a slow disk, a busy machine) is theirs and stays.
		 */
		async restore(target: Partial<Prefs>): Promise<void> {
			const before = keys.map((key) => JSON.stringify(target[key]));
			const prefs = await loadPrefs(page, schema).catch(() => undefined);
			if (!prefs) return;
			keys.forEach((key, i) => {
				if (JSON.stringify(target[key]) === before[i]) target[key] = prefs[key];
			});
		},
		/** A failure costs only the memory of the choices, never the page. */
		save(source: Prefs): void {
			const value = Object.fromEntries(keys.map((key) => [key, source[key]])) as z.input<S>;
			void savePrefs(page, schema, value).catch(() => undefined);
		}
	};
}
