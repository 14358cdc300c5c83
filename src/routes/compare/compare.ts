import { newConversation, titleFrom } from '$lib/chat/conversation';
import { newId } from '$lib/id';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import type { CompareRun } from '$lib/model/compare';

/** What was sent: the same to every column. */
export interface Sent {
	systemMessage: string;
	message: string;
	/** When it was first sent. */
	at: number;
}

export interface CompareErrors {
	message?: string;
	/** By column id: what the column's Model field needs. */
	models?: Record<string, string>;
}

/** Why a comparison cannot be sent yet; nothing when it can. */
export function checkCompare(
	message: string,
	columns: readonly { id: string; deployment: string }[]
): CompareErrors {
	const errors: CompareErrors = {};
	if (!message.trim()) errors.message = 'Type the message to send to every column.';
	const models: Record<string, string> = {};
	for (const column of columns) {
		if (!column.deployment.trim()) models[column.id] = 'Enter the deployment this column asks.';
	}
	if (Object.keys(models).length) errors.models = models;
	return errors;
}

/** The user's message as a conversation holds it. */
function userMessage(sent: Sent): ChatMessage {
	return { id: newId(), role: 'user', content: sent.message, createdAt: sent.at };
}

/** What a column sends: the system message and the message, as a conversation of one turn. */
export function exchange(sent: Sent, deployment: string): Conversation {
	return newConversation({
		title: titleFrom(sent.message),
		deployment,
		systemMessage: sent.systemMessage,
		createdAt: sent.at,
		messages: [userMessage(sent)]
	});
}

/**
 * The request a column sends: the system message (when there is one) and the message, streamed
 * with usage, and no parameter (each deployment's defaults). What Ask's buildChatBody makes of
 * the same exchange with no parameters (compare.spec.ts holds them equal), without loading Ask's
 * parameter table on this page.
 */
export function compareBody(sent: Sent): Record<string, unknown> {
	const messages = [
		...(sent.systemMessage.trim() ? [{ role: 'system', content: sent.systemMessage }] : []),
		{ role: 'user', content: sent.message }
	];
	return { messages, stream: true, stream_options: { include_usage: true } };
}

/** A reply kept to go on with: one still streaming when it was saved was cut short. */
const settled = (reply: ChatMessage): ChatMessage =>
	reply.status === 'streaming' ? { ...reply, status: 'interrupted' } : reply;

/** A column's exchange as a new Ask conversation, to go on from its reply. */
export function continuedConversation(
	sent: Sent,
	deployment: string,
	reply: ChatMessage
): Conversation {
	const base = exchange(sent, reply.deployment ?? deployment);
	const now = Date.now();
	return { ...base, messages: [...base.messages, settled(reply)], updatedAt: now };
}

/** The whole run as one conversation: the message, then every column's reply, for Share as HTML. */
export function runConversation(run: CompareRun): Conversation {
	const sent = { systemMessage: run.systemMessage, message: run.message, at: run.createdAt };
	const replies = run.columns.flatMap((c) => (c.reply ? [settled(c.reply)] : []));
	const base = exchange(sent, '');
	return {
		...base,
		id: run.id,
		title: run.title,
		updatedAt: run.updatedAt,
		messages: [...base.messages, ...replies]
	};
}
