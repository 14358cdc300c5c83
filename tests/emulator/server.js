// @ts-check
// A local stand-in for an Azure OpenAI resource: the same URLs, auth check, CORS behaviour, bodies,
// streams and errors as the real service (see the README's emulator section and the recorded
// bodies in src/lib/azure/fixtures), and it can be told to misbehave for the next requests.
// This file is the HTTP surface; each operation lives in a file of its own.
import http from 'node:http';
import { MAX_AUDIO_BYTES, transcribe } from './audio.js';
import { completionBody, composeReply, streamEvents } from './chat.js';
import { promptCache } from './prompt-cache.js';
import { promptTokens, validateChat } from './chat-validate.js';
import { DEPLOYMENTS } from './deployments.js';
import {
	HttpError,
	deploymentNotFound,
	invalid,
	operationNotSupported,
	tooLarge
} from './errors.js';
import { FailureQueue, Quotas, failFast, hang } from './faults.js';
import { parseRequest, readBody, sendJson, sendText, writeStream } from './http.js';
import { generateImages } from './images.js';
import { OPERATIONS, checkAuth, models, route } from './routes.js';

export { DEPLOYMENTS } from './deployments.js';

export const DEFAULT_KEY = 'cerulean-emulator-key';
export const DEFAULT_ENTRA_TOKEN = 'cerulean-emulator-entra-token';

/** @typedef {import('./faults.js').Failure} Failure */
/** @typedef {import('./chat.js').Reply} Reply */
/** @typedef {import('./http.js').Seen} Seen */

/**
 * Starts an emulator. `port: 0` picks a free port (tests run one per worker).
 * @param {{ port?: number, host?: string, key?: string, entraToken?: string, tokenDelayMs?: number,
 *   log?: boolean, quotas?: boolean, asyncFilter?: boolean }} [options]
 */
export async function createEmulator(options = {}) {
	/** @type {{ key: string, entraToken: string, issuer?: { url: string, keys: import('jose').JSONWebKeySet } }} */
	const secrets = {
		key: options.key ?? DEFAULT_KEY,
		entraToken: options.entraToken ?? DEFAULT_ENTRA_TOKEN
	};
	const host = options.host ?? '127.0.0.1';
	const failures = new FailureQueue();
	const quotas = new Quotas();
	if (options.quotas) quotas.set(true);
	/** @type {Reply[]} */
	const replies = [];
	/** @type {Seen[]} */
	const requests = [];
	/** @type {Map<string, Buffer>} */
	const blobs = new Map();
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	/** @type {WeakMap<import('node:net').Socket, number>} requests seen per connection */
	const perSocket = new WeakMap();
	let tokenDelayMs = options.tokenDelayMs ?? 0;
	/** @type {Map<string, { firstTokenMs: number, tokenMs: number }>} streaming pace per deployment */
	const paces = new Map();
	const cache = promptCache();
	let asyncFilter = options.asyncFilter ?? false;
	let blobCors = true;
	/** @type {string[] | undefined} */
	let heard;
	let origin = '';

	/** Test and demo controls; not part of Azure's surface. @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url */
	async function control(req, res, url) {
		const action = url.pathname.slice('/__emulator/'.length);
		if (action.startsWith('blob/') && req.method === 'GET') {
			const blob = blobs.get(action.slice(5).replace(/\.png$/, ''));
			if (!blob) {
				return sendJson(res, 404, {
					error: { code: 'BlobNotFound', message: 'The specified blob does not exist.' }
				});
			}
			// Azure's blob host may not answer cross-origin downloads; tests can make it refuse.
			if (!blobCors) res.removeHeader('Access-Control-Allow-Origin');
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': blob.length });
			return res.end(blob);
		}
		if (action === 'requests' && req.method === 'GET') return sendJson(res, 200, requests);
		const body =
			req.method === 'POST'
				? JSON.parse((await readBody(req)).toString('utf8') || '{}')
				: undefined;
		const actions = /** @type {Record<string, () => void>} */ ({
			fail: () => api.fail(body, body.times ?? 1),
			reply: () => api.reply(body),
			reset: () => api.reset(),
			quotas: () => api.setQuotas(body.rpm ?? body.enabled ?? true),
			'filter-mode': () => api.setAsyncFilter(body.mode === 'async'),
			pace: () => api.pace(body.deployment, body)
		});
		const run = body !== undefined ? actions[action] : undefined;
		if (!run) return sendJson(res, 404, { error: { code: '404', message: 'Unknown control' } });
		run();
		return sendJson(res, 200, { ok: true });
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url */
	async function serve(req, res, url) {
		const raw = await readBody(req);
		if (raw.length > MAX_AUDIO_BYTES + 1024 * 1024) throw tooLarge(MAX_AUDIO_BYTES, raw.length);
		const { seen, files, unparsable } = await parseRequest(req, url, raw);
		seen.bytes = raw.length;
		requests.push(seen);
		if (options.log) console.log(`${seen.method} ${url.pathname}${url.search}`);
		const failure = failures.next((perSocket.get(req.socket) ?? 0) > 1);
		if (failure?.kind === 'cors') {
			// An answer without Access-Control-Allow-Origin, as from a proxy that does not do CORS:
			// the browser hides it from the page.
			res.removeHeader('Access-Control-Allow-Origin');
			return sendJson(res, 200, {});
		}
		if (failure?.kind === 'network') {
			// The connection is cut before any answer, as a proxy or a dropped network would.
			req.socket.destroy();
			return;
		}
		if (unparsable) {
			throw invalid(
				"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
				null
			);
		}
		await checkAuth(seen, secrets);
		const { operation, version, surface, preview, deployment: name } = route(seen);
		if (operation === 'models') {
			failFast(failure, 'chat', 'Models_List', version);
			if (failure?.kind === 'hang') return await hang(req);
			return models(res, surface === 'v1');
		}
		const op = OPERATIONS[operation];
		failFast(failure, op.kind, op.name, version);
		const deployment = name ? DEPLOYMENTS[name] : undefined;
		if (!deployment || !name) throw deploymentNotFound();
		if (deployment.kind !== op.kind) throw operationNotSupported(op.azure, deployment.model);
		quotas.take(name, deployment.rpm, op.name, version);
		if (deployment.kind === 'chat') {
			validateChat(seen.json, deployment, { surface, preview });
			const cached = cache.take(name, seen.json.messages, promptTokens(seen.json.messages));
			const reply = composeReply(seen.json, name, deployment, replies.shift(), cached);
			if (!seen.json.stream) {
				if (failure?.kind === 'hang') return await hang(req);
				return sendJson(res, 200, completionBody(reply));
			}
			const events = streamEvents(reply, {
				includeUsage: seen.json.stream_options?.include_usage === true,
				asyncFilter
			});
			const pace = paces.get(name) ?? { firstTokenMs: 0, tokenMs: tokenDelayMs };
			return await writeStream(req, res, events, failure, pace);
		}
		if (failure?.kind === 'hang') return await hang(req);
		const answer =
			deployment.kind === 'image'
				? {
						type: /** @type {const} */ ('json'),
						status: 200,
						body: generateImages(seen.json, deployment, preview, { origin, blobs })
					}
				: await transcribe(seen, files, deployment, {
						preview,
						translate: operation === 'audio/translations',
						...(heard ? { sentences: heard } : {})
					});
		if (failure?.kind === 'drop' || failure?.kind === 'malformed') {
			// Half of the answer, then the connection cut (drop) or the answer ended (malformed).
			const text = answer.type === 'json' ? JSON.stringify(answer.body) : String(answer.body);
			const half = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
			if (failure.kind === 'malformed') return sendText(res, 200, half);
			res.writeHead(200, {
				'Content-Type': 'application/json',
				'Content-Length': Buffer.byteLength(text)
			});
			res.write(half);
			await new Promise((resolve) => setTimeout(resolve, 200));
			res.socket?.destroy();
			return;
		}
		return answer.type === 'json'
			? sendJson(res, answer.status, answer.body)
			: sendText(res, answer.status, String(answer.body));
	}

	const server = http.createServer(async (req, res) => {
		perSocket.set(req.socket, (perSocket.get(req.socket) ?? 0) + 1);
		// Azure answers every origin; it exposes no headers, so Retry-After stays unreadable in a browser.
		res.setHeader('Access-Control-Allow-Origin', '*');
		if (req.method === 'OPTIONS') {
			res.writeHead(200, {
				'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
				'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
				'Access-Control-Max-Age': '86400',
				'Content-Length': 0
			});
			return res.end();
		}
		const url = new URL(req.url ?? '/', origin);
		try {
			if (url.pathname.startsWith('/__emulator/')) return await control(req, res, url);
			return await serve(req, res, url);
		} catch (error) {
			if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
			console.error(error);
			return sendJson(res, 500, {
				error: { code: 'InternalServerError', message: 'The emulator failed.' }
			});
		}
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve(undefined));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	origin = `http://${host}:${port}`;

	const api = {
		/** The endpoint to type into Settings. */
		url: origin,
		key: secrets.key,
		entraToken: secrets.entraToken,
		/** Every API request received, oldest first. */
		requests,
		/** The next `times` API requests suffer `failure`. @param {Failure} failure @param {number} [times] */
		fail(failure, times = 1) {
			failures.push(failure, times);
		},
		/**
		 * Accepts bearer tokens this OpenID Connect issuer signs, as Azure accepts Entra ID's:
		 * signature (against its keys), audience and expiry are checked. Undefined: none again.
		 * @param {{ url: string, keys: import('jose').JSONWebKeySet } | undefined} issuer
		 */
		trustIssuer(issuer) {
			secrets.issuer = issuer;
		},
		/** The next chat request answers with this. @param {Reply} reply */
		reply(reply) {
			replies.push(reply);
		},
		/** Requests-a-minute quotas: `true` the realistic defaults, an object per deployment, `false` off. @param {boolean | Record<string, number>} setting */
		setQuotas(setting) {
			quotas.set(setting);
		},
		/** Streams as a deployment with the Asynchronous Filter does. @param {boolean} on */
		setAsyncFilter(on) {
			asyncFilter = on;
		},
		/** Whether image URLs may be downloaded cross-origin (Azure's blob host: unknown). @param {boolean} allowed */
		setBlobCors(allowed) {
			blobCors = allowed;
		},
		/** Transcripts say these sentences instead of the emulator's own. @param {string[]} sentences */
		hear(sentences) {
			heard = sentences;
		},
		/** @param {number} ms */
		setTokenDelay(ms) {
			tokenDelayMs = ms;
		},
		/**
		 * How fast a deployment streams: the wait for its first token, then between tokens.
		 * @param {string} deployment @param {{ firstTokenMs?: number, tokenMs?: number }} pace
		 */
		pace(deployment, pace) {
			paces.set(deployment, { firstTokenMs: pace.firstTokenMs ?? 0, tokenMs: pace.tokenMs ?? 0 });
		},
		reset() {
			blobCors = true;
			secrets.issuer = undefined;
			heard = undefined;
			paces.clear();
			cache.clear();
			asyncFilter = options.asyncFilter ?? false;
			quotas.set(options.quotas ?? false);
			failures.clear();
			replies.length = 0;
			requests.length = 0;
		},
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		}
	};
	return api;
}
