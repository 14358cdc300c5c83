import { THEMES, type UiPrefs } from '$lib/model/ui';
import { loadUiPrefs, saveUiPrefs } from '$lib/storage/ui';

/** The look-and-feel choices every page shares, applied to the document and remembered. */
class UiState {
	#prefs = $state<UiPrefs>(loadUiPrefs());

	get current(): UiPrefs {
		return this.#prefs;
	}

	/** Changes some choices, keeps them, and applies them to the page. */
	set = (change: Partial<UiPrefs>): void => {
		this.#prefs = { ...this.#prefs, ...change };
		saveUiPrefs($state.snapshot(this.#prefs));
		this.apply();
	};

	/** Theme and presenter mode as attributes of the root element, which the stylesheet follows. */
	apply = (): void => {
		if (typeof document === 'undefined') return;
		const root = document.documentElement;
		const { theme, presenter } = this.#prefs;
		if (theme === 'system') delete root.dataset.theme;
		else root.dataset.theme = theme;
		if (presenter) root.dataset.presenter = '';
		else delete root.dataset.presenter;
	};

	/** The next theme, for a button that cycles through them. */
	get nextTheme(): UiPrefs['theme'] {
		return THEMES[(THEMES.indexOf(this.#prefs.theme) + 1) % THEMES.length] ?? 'system';
	}
}

export const ui = new UiState();
ui.apply();
