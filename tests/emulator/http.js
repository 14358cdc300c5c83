// @ts-check
// The emulator's HTTP plumbing: reading requests as the service parses them, and writing JSON,
// text and event streams with the headers Azure sends.
import { randomUUID } from 'node:crypto';
import { hang } from './faults.js';

/** @typedef {import('./faults.js').Failure} Failure */

/**
 * One request as the emulator saw it, for tests to check what reached the wire.
 * @typedef {{ method: string, path: string, query: Record<string, string>, headers: Record<string, string>,
 *   json?: any, form?: Record<string, string | { filename: string, size: number, type: string }>,
 *   bytes?: number, audioSeconds?: number }} Seen  `bytes`: the body's size; `audioSeconds`: the length of the audio heard
 */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {import('node:http').IncomingMessage} req */
export async function readBody(req) {
	/** @type {Buffer[]} */
	const parts = [];
	for await (const part of req) parts.push(part);
	return Buffer.concat(parts);
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {object} body @param {Record<string, string>} [headers] */
export function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		'apim-request-id': randomUUID(),
		'x-request-id': randomUUID(),
		'x-ms-region': 'Emulator',
		...headers
	});
	res.end(text);
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} text */
export function sendText(res, status, text) {
	res.writeHead(status, {
		'Content-Type': 'text/plain; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		'apim-request-id': randomUUID()
	});
	res.end(text);
}

/** Parses the body the way the service does, keeping what tests may check. @param {import('node:http').IncomingMessage} req @param {URL} url @param {Buffer} raw */
export async function parseRequest(req, url, raw) {
	/** @type {Seen} */
	const seen = {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: /** @type {Record<string, string>} */ ({ ...req.headers })
	};
	/** @type {Record<string, Blob>} */
	const files = {};
	const type = req.headers['content-type'] ?? '';
	if (type.startsWith('application/json')) {
		try {
			seen.json = JSON.parse(raw.toString('utf8'));
		} catch {
			seen.json = undefined;
			return { seen, files, unparsable: true };
		}
	} else if (type.startsWith('multipart/form-data')) {
		const form = await new Request('http://emulator/', {
			method: 'POST',
			headers: { 'content-type': type },
			body: new Uint8Array(raw)
		}).formData();
		/** @type {NonNullable<Seen['form']>} */
		const fields = {};
		for (const [name, value] of form.entries()) {
			if (typeof value === 'string') {
				fields[name] = name in fields ? `${fields[name]},${value}` : value;
			} else {
				const file = /** @type {File} */ (value);
				fields[name] = { filename: file.name, size: file.size, type: file.type };
				files[name] = file;
			}
		}
		seen.form = fields;
	}
	return { seen, files, unparsable: false };
}

/**
 * Writes a stream of events at the given pace (a wait before the first event after Azure's prompt
 * annotations, then one between events), applying stream faults (drop, malformed, hang).
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {object[]} events
 * @param {Failure | undefined} failure @param {{ firstTokenMs: number, tokenMs: number }} pace
 */
export async function writeStream(req, res, events, failure, pace) {
	res.writeHead(200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-cache',
		'x-accel-buffering': 'no',
		'apim-request-id': randomUUID(),
		'x-ms-region': 'Emulator'
	});
	if (failure?.kind === 'hang') return hang(req);
	const delay = failure?.kind === 'slow' ? (failure.delayMs ?? 250) : pace.tokenMs;
	let aborted = false;
	req.on('close', () => (aborted = true));
	for (let i = 0; i < events.length; i++) {
		if (aborted) return;
		if (failure?.kind === 'drop' && i === (failure.afterChunks ?? 5)) {
			// Let what was written reach the page, then cut the connection mid-stream. A browser that
			// sees the cut before it has read the bytes already received drops them, so the wait is
			// generous: a busy test machine can leave a page unscheduled for a second.
			await new Promise((resolve) => res.write('', () => resolve(undefined)));
			await sleep(1500);
			res.socket?.destroy();
			return;
		}
		if (failure?.kind === 'malformed' && i === (failure.afterChunks ?? 3)) {
			res.write('data: {"choices":[{"index":0,"delta":{"content":"bro\n\n');
		}
		if (i === 1 && pace.firstTokenMs > 0) await sleep(pace.firstTokenMs);
		res.write(`data: ${JSON.stringify(events[i])}\n\n`);
		if (delay > 0 && i > 0) await sleep(delay);
	}
	res.end('data: [DONE]\n\n');
}
