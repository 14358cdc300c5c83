// @ts-check
// Stored history for the benchmarks: one long conversation, many ordinary ones, and a way to put
// them in the app's IndexedDB as the app itself would have.
import { conversationShape } from '../scripts/conversation-shape.js';
import { markdownReply, quiet } from './reply.js';

const NOW = 1764201600000;
/** Stored as the app stores a conversation it wrote: with the shape it was checked in. */
const shape = conversationShape();

/** @param {string} id @param {number} count @param {number} updatedAt @param {number} tokens */
function conversation(id, count, updatedAt, tokens) {
	const messages = Array.from({ length: count }, (_, i) => {
		const user = i % 2 === 0;
		return {
			id: `${id}-m${i}`,
			role: user ? 'user' : 'assistant',
			content: user
				? `Question ${i}: how does this compare with the last answer?`
				: markdownReply(tokens).replace('THE-END', `THE-END of message ${i}`),
			createdAt: updatedAt - (count - i) * 1000,
			...(user ? {} : { status: 'done', deployment: 'gpt-4o', model: 'gpt-4o-2024-11-20' })
		};
	});
	return {
		id,
		title: `Conversation ${id}`,
		createdAt: updatedAt - count * 1000,
		updatedAt,
		deployment: 'gpt-4o',
		systemMessage: '',
		params: {},
		messages,
		shape
	};
}

/**
 * The file Export JSON writes of a conversation: the conversation without the shape storage keeps
 * beside it. @param {{ shape?: string }} stored
 */
export function exportFile(stored) {
	const conversation = { ...stored, shape: undefined };
	return JSON.stringify({ format: 'cerulean.conversation', version: 1, conversation });
}

/** One conversation of `count` messages, every other one a long Markdown answer. @param {number} count */
export const largeConversation = (count) => conversation('large', count, NOW, 450);

/** `count` conversations of six messages each. @param {number} count */
export const manyConversations = (count) =>
	Array.from({ length: count }, (_, i) => conversation(`c${i}`, 6, NOW - i * 60_000, 300));

/**
 * Page script: replaces the stored conversations with these, in the database the app reads.
 * @param {object[]} list
 */
export const seedScript = async (list) => {
	const db = await new Promise((resolve, reject) => {
		const open = indexedDB.open('cerulean-conversations');
		open.onupgradeneeded = () => open.result.createObjectStore('keyval');
		open.onsuccess = () => resolve(open.result);
		open.onerror = () => reject(open.error);
	});
	const tx = /** @type {IDBDatabase} */ (db).transaction('keyval', 'readwrite');
	const store = tx.objectStore('keyval');
	store.clear();
	for (const c of list) store.put(c, /** @type {{ id: string }} */ (c).id);
	await new Promise((resolve, reject) => {
		tx.oncomplete = resolve;
		tx.onerror = () => reject(tx.error);
	});
	/** @type {IDBDatabase} */ (db).close();
};

/** Page script: whether the conversation shown has a message containing `text` drawn. */
export const shown = (/** @type {string} */ text) =>
	!!document.querySelector('[role="log"]')?.textContent?.includes(text);

/** A page script expression: the conversation list's entry whose text contains `title`. */
export const entry = (/** @type {string} */ title) =>
	`[...document.querySelectorAll('[aria-label="Conversations"] button')].find((b) => b.textContent.includes(${JSON.stringify(title)}))`;

/** Page script: the conversation scrolled up 2,500 px, then two frames to draw what that shows. */
export const scrollUpStep = async () => {
	document.querySelector('[role="log"]')?.closest('.scroller')?.scrollBy(0, -2500);
	await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
};

/**
 * Replaces the stored conversations with these, in the database the app reads.
 * @param {import('@playwright/test').Page} page @param {object[]} conversations
 */
export async function seedConversations(page, conversations) {
	await page.evaluate(seedScript, conversations);
}

/**
 * One visit to Ask, as the app itself would have made after the data was stored: it keeps the
 * list's summaries, so a measured visit after it reads them as a user's would.
 * @param {import('@playwright/test').Page} page @param {string} app
 */
export async function visitAskOnce(page, app) {
	await page.goto(`${app}/ask`);
	await page.getByLabel('Message', { exact: true }).waitFor();
	await quiet(page);
}
