// @ts-check
// The benchmark's own Azure-shaped stream server: every chat completion streams the reply it was
// given, at full speed (many events per network read) or at a fixed pace (one event per write),
// with or without Azure's per-chunk content_filter_results. It also serves the two pages the app
// is measured against: a bare reader (fetch + SSE parse, nothing drawn) and a baseline that
// re-renders the whole Markdown on every chunk, as most chat UIs do.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tokensOf } from './reply.js';

const require = createRequire(import.meta.url);
const SAFE = { filtered: false, severity: 'safe' };
const FILTER = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };

/** @typedef {{ text: string, pace: number | 'full', filter: boolean }} StreamPlan */

/** The events of one streamed reply, as Azure sends them. @param {StreamPlan} plan */
function eventsOf(plan) {
	const base = {
		created: 1764201600,
		id: 'chatcmpl-bench',
		model: 'gpt-4o-2024-11-20',
		object: 'chat.completion.chunk',
		system_fingerprint: 'fp_bench'
	};
	/** @param {object} choice */
	const event = (choice) => `data: ${JSON.stringify({ choices: [choice], ...base })}\n\n`;
	const events = [
		`data: ${JSON.stringify({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: { ...FILTER, jailbreak: { filtered: false, detected: false } } }] })}\n\n`,
		event({
			content_filter_results: {},
			delta: { content: '', refusal: null, role: 'assistant' },
			finish_reason: null,
			index: 0,
			logprobs: null
		})
	];
	for (const token of tokensOf(plan.text)) {
		events.push(
			event({
				...(plan.filter ? { content_filter_results: FILTER } : {}),
				delta: { content: token },
				finish_reason: null,
				index: 0,
				logprobs: null
			})
		);
	}
	events.push(
		event({
			content_filter_results: {},
			delta: {},
			finish_reason: 'stop',
			index: 0,
			logprobs: null
		})
	);
	events.push('data: [DONE]\n\n');
	return events;
}

const modules = {
	'/lib/marked.js': require.resolve('marked'),
	'/lib/purify.js': require.resolve('dompurify').replace(/purify\.cjs\.js$/, 'purify.es.mjs'),
	'/lib/eventsource-parser.js': require
		.resolve('eventsource-parser')
		.replace(/index\.cjs$/, 'index.js')
};

/** Starts the server; `plan` is what the next stream sends. */
export async function startStreamServer() {
	/** @type {StreamPlan} */
	let plan = { text: 'Hello', pace: 'full', filter: true };
	/** When the last stream's final byte was written (ms, performance.now of this process). */
	let finishedAt = 0;
	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		res.setHeader('Access-Control-Allow-Origin', '*');
		res.setHeader('Access-Control-Allow-Headers', '*');
		if (req.method === 'OPTIONS') return void res.writeHead(204).end();
		const page = url.pathname.match(/^\/(bare|baseline)\.html$/)?.[1];
		if (page) {
			const html = await readFile(new URL(`./${page}.html`, import.meta.url));
			return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
		}
		const file = modules[/** @type {keyof typeof modules} */ (url.pathname)];
		if (file) {
			const body = await readFile(file);
			return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body);
		}
		if (req.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) {
			return void res.writeHead(404).end();
		}
		await new Promise((resolve) => req.on('end', resolve).resume());
		res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
		const events = eventsOf(plan);
		if (plan.pace === 'full') {
			res.end(events.join(''), () => (finishedAt = performance.now()));
			return;
		}
		const interval = 1000 / plan.pace;
		const start = performance.now();
		let i = 0;
		const tick = () => {
			if (res.destroyed) return;
			const event = events[i++];
			if (event === undefined) {
				res.end(() => (finishedAt = performance.now()));
				return;
			}
			res.write(event);
			const wait = start + i * interval - performance.now();
			if (wait > 0) setTimeout(tick, wait);
			else setImmediate(tick);
		};
		tick();
	});
	server.listen(0, '127.0.0.1');
	await new Promise((resolve) => server.once('listening', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		/** @param {StreamPlan} next */
		plan(next) {
			plan = next;
		},
		get finishedAt() {
			return finishedAt;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(resolve);
				server.closeAllConnections();
			})
	};
}
