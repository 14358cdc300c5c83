/**
 * Makes `live`'s children match `next`'s, keeping every node that is already right. A streaming
 * reply's open block is drawn again a few times a second, and almost all of it is what was drawn
 * before: kept nodes keep their layout and paint (only the changed line is laid out again) and
 * the reader's text selection, which replacing the whole block every time would throw away.
 * Nodes `next` has and `live` lacks are moved out of `next`, which is left partly emptied.
 */
export function morphChildren(live: Node, next: Node): void {
	let at = live.firstChild;
	let wanted = next.firstChild;
	while (wanted) {
		const following = wanted.nextSibling;
		if (at && sameKind(at, wanted)) {
			if (at.nodeType === Node.ELEMENT_NODE) {
				copyAttributes(at as Element, wanted as Element);
				morphChildren(at, wanted);
			} else {
				copyText(at as CharacterData, wanted.nodeValue ?? '');
			}
			at = at.nextSibling;
		} else {
			live.insertBefore(wanted, at);
		}
		wanted = following;
	}
	while (at) {
		const following = at.nextSibling;
		live.removeChild(at);
		at = following;
	}
}

const sameKind = (a: Node, b: Node) => a.nodeType === b.nodeType && a.nodeName === b.nodeName;

function copyAttributes(live: Element, next: Element): void {
	for (const { name } of [...live.attributes]) {
		if (!next.hasAttribute(name)) live.removeAttribute(name);
	}
	for (const { name, value } of next.attributes) {
		if (live.getAttribute(name) !== value) live.setAttribute(name, value);
	}
}

/**
 * Changes only the text after what the two have in common, so a selection in the part that stays
 * (the reader marking the start of a paragraph still being written) stays too.
 */
function copyText(live: CharacterData, text: string): void {
	const was = live.data;
	if (was === text) return;
	const end = Math.min(was.length, text.length);
	let same = 0;
	while (same < end && was.charCodeAt(same) === text.charCodeAt(same)) same++;
	live.replaceData(same, was.length - same, text.slice(same));
}
