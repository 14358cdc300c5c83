import type { ChatMessage, Conversation } from '$lib/model/chat';

const same = (a: unknown, b: unknown): boolean =>
	a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Two tabs wrote the same conversation: `base` is what this tab last read or wrote, `local` what
 * it has now, `stored` what is on disk (another tab's write). Nothing either tab added is lost:
 * - a field (title, model, system message, parameters) takes this tab's value where it changed it,
 *   and the stored one otherwise (a rename in the other tab survives);
 * - a message is kept if either tab has it, unless one tab deleted it (it was in `base`);
 *   where both have it, this tab's copy wins if this tab changed it;
 * - messages only this tab has come after the stored ones, in this tab's order, so each tab's
 *   exchanges stay together.
 */
export function mergeConversation(
	base: Conversation,
	local: Conversation,
	stored: Conversation
): Conversation {
	const field = <K extends 'title' | 'deployment' | 'systemMessage' | 'params'>(key: K) =>
		same(local[key], base[key]) ? stored[key] : local[key];
	const inBase = new Map(base.messages.map((m) => [m.id, m]));
	const inLocal = new Map(local.messages.map((m) => [m.id, m]));
	const inStored = new Set(stored.messages.map((m) => m.id));
	const messages: ChatMessage[] = [];
	for (const theirs of stored.messages) {
		const mine = inLocal.get(theirs.id);
		if (!mine) {
			if (!inBase.has(theirs.id)) messages.push(theirs); // the other tab added it
			continue; // else this tab deleted it
		}
		messages.push(same(mine, inBase.get(theirs.id)) ? theirs : mine);
	}
	for (const mine of local.messages) {
		// Added here (one the other tab deleted, having been in base, stays deleted).
		if (!inStored.has(mine.id) && !inBase.has(mine.id)) messages.push(mine);
	}
	return {
		...local,
		title: field('title'),
		deployment: field('deployment'),
		systemMessage: field('systemMessage'),
		params: field('params'),
		messages,
		updatedAt: Math.max(local.updatedAt, stored.updatedAt)
	};
}
