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
