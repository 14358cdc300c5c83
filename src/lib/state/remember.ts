import { loadPrefs, savePrefs } from '$lib/storage/prefs';
import type { z } from '$lib/zod';

/** A page's last choices, read once and written shortly after each change. */
export function remembered<S extends z.ZodMiniType>(page: string, schema: S, delayMs = 300) {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return {
		load: (): Promise<z.output<S> | undefined> => loadPrefs(page, schema).catch(() => undefined),
		/** Saves `read()` soon; the newest value wins. A failure only costs the memory of choices. */
		save(read: () => z.input<S>): void {
			clearTimeout(timer);
			timer = setTimeout(
				() => void savePrefs(page, schema, read()).catch(() => undefined),
				delayMs
			);
		}
	};
}
