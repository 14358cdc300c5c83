// @ts-check
// The shape stored conversations are written in: a hash of the file that defines it
// (src/lib/model/chat.ts) and of the zod version that checks it. The build writes it into the app
// (vite.config.ts, `__CONVERSATION_SHAPE__`): a conversation stored with the same shape is read back
// without being checked again (src/lib/storage/conversations.ts). The benchmarks seed conversations
// with it, as the app itself stores them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export function conversationShape() {
	const read = (/** @type {string} */ path) => readFileSync(new URL(`../${path}`, import.meta.url));
	return createHash('sha256')
		.update(read('src/lib/model/chat.ts'))
		.update(JSON.parse(read('node_modules/zod/package.json').toString()).version)
		.digest('hex')
		.slice(0, 16);
}
