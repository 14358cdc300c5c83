// Export and import: loaded when the user asks for a file, not with the page.
import { newId } from '$lib/id';
import { exportSchema, type Conversation } from '$lib/model/chat';
import { issueText } from '$lib/zod';
import { pairToolCalls } from './history';
import { distinctIds } from './ids';

/** The conversation as Markdown, for reading or sharing. */
export function toMarkdown(conversation: Conversation): string {
	const lines = [`# ${conversation.title}`, ''];
	if (conversation.deployment) lines.push(`Model (deployment): \`${conversation.deployment}\``, '');
	if (conversation.systemMessage.trim()) {
		lines.push('## System', '', conversation.systemMessage.trim(), '');
	}
	for (const m of conversation.messages) {
		const heading = { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool' }[
			m.role
		];
		lines.push(`## ${heading}${m.toolName ? ` (${m.toolName})` : ''}`, '');
		if (m.content) lines.push(m.content.trim(), '');
		for (const image of m.images ?? []) lines.push(`![attached image](${image})`, '');
		for (const call of m.toolCalls ?? []) {
			lines.push(`Calls \`${call.name}\`:`, '', '```json', call.arguments, '```', '');
		}
		if (m.status === 'interrupted' || m.status === 'stopped') lines.push(`_(${m.status})_`, '');
	}
	return `${lines.join('\n').trimEnd()}\n`;
}

/** A file name (without extension) from a conversation's title. */
export function fileBase(title: string): string {
	return (
		title
			.replace(/[^\w\- ]+/g, '')
			.trim()
			.replace(/\s+/g, '-')
			.slice(0, 60) || 'conversation'
	);
}

/** The conversation as a file: Markdown to read, JSON to import again. */
export function exportFile(
	conversation: Conversation,
	kind: 'md' | 'json'
): { name: string; type: string; content: string } {
	const base = fileBase(conversation.title);
	return kind === 'md'
		? { name: `${base}.md`, type: 'text/markdown', content: toMarkdown(conversation) }
		: { name: `${base}.json`, type: 'application/json', content: toExportJson(conversation) };
}

/** The conversation as a JSON file Cerulean can import again. */
export function toExportJson(conversation: Conversation): string {
	return JSON.stringify({ format: 'cerulean.conversation', version: 1, conversation }, null, 2);
}

export type ImportResult = { ok: true; conversation: Conversation } | { ok: false; error: string };

/** Parses an exported file; the result always gets a new id, so nothing is overwritten. */
export function parseImport(text: string): ImportResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, error: 'The file is not JSON. Choose a file exported from Cerulean.' };
	}
	const parsed = exportSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
		return {
			ok: false,
			error: `This is not a Cerulean conversation${where}: ${issueText(issue)}.`
		};
	}
	const conversation = parsed.data.conversation;
	// A hand-edited file may repeat ids or split calls from their results: mend it, never refuse it.
	const messages = pairToolCalls(distinctIds(conversation.messages, newId));
	return { ok: true, conversation: { ...conversation, messages, id: newId() } };
}
