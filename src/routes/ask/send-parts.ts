// What only sending needs, fetched once there is something to send rather than with the page:
// the streaming code (shared with Compare) and the request builders Ask alone uses.
export * from './stream-reply';
export { buildChatBody } from '$lib/azure/chat-body';
export { toWire } from '$lib/chat/wire';
export { deleteMessage, dropOldestTurns } from '$lib/chat/history';
export { runReply } from './reply-run';
