/** The key went to a text field (or a select): single-key shortcuts must leave it alone. */
export function isTyping(event: KeyboardEvent): boolean {
	const target = event.target as HTMLElement | null;
	if (!target) return false;
	if (target.isContentEditable) return true;
	if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
	return (
		target instanceof HTMLInputElement &&
		!['checkbox', 'radio', 'button', 'submit', 'range', 'file'].includes(target.type)
	);
}

/**
 * For a form's Send button, which turns itself off while the request runs: the focus stays where
 * the user writes. A click does not take the focus; a press from the keyboard hands it to the
 * field, rather than to the page, where a disabled button would drop it.
 */
export function keepsWriting(field: () => HTMLElement | null | undefined) {
	return (button: HTMLButtonElement): (() => void) => {
		const down = (event: MouseEvent) => event.preventDefault();
		const pressed = () => {
			if (document.activeElement === button) field()?.focus({ preventScroll: true });
		};
		button.addEventListener('mousedown', down);
		button.addEventListener('click', pressed);
		return () => {
			button.removeEventListener('mousedown', down);
			button.removeEventListener('click', pressed);
		};
	};
}
