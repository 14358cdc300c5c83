import type { ChatMessage } from '$lib/model/chat';

/** Gives every message a distinct id: an edited file may repeat one, and the list keys on it. */
export function distinctIds(messages: ChatMessage[], newId: () => string): ChatMessage[] {
	const seen = new Set<string>();
	return messages.map((m) => {
		if (!seen.has(m.id)) {
			seen.add(m.id);
			return m;
		}
		const id = newId();
		seen.add(id);
		return { ...m, id };
	});
}
