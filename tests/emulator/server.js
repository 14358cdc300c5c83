// @ts-check
// A local stand-in for an Azure OpenAI resource: the same URLs, auth check, CORS behaviour, bodies,
// streams and errors as the real service (see the README's emulator section and the recorded
// bodies in src/lib/azure/fixtures), and it can be told to misbehave for the next requests.
// This file is the HTTP surface; each operation lives in a file of its own.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { MAX_AUDIO_BYTES, transcribe } from './audio.js';
import { completionBody, composeReply, streamEvents } from './chat.js';
import { validateChat } from './chat-validate.js';
import { DATED_VERSIONS, DEPLOYMENTS, PREVIEW_VERSIONS } from './deployments.js';
import {
	HttpError,
	deploymentNotFound,
	invalid,
	operationNotSupported,
	resourceNotFound,
	unauthorized
} from './errors.js';
import { FailureQueue, Quotas, failFast, hang } from './faults.js';
import { generateImages } from './images.js';

export { DEPLOYMENTS } from './deployments.js';

export const DEFAULT_KEY = 'cerulean-emulator-key';
export const DEFAULT_ENTRA_TOKEN = 'cerulean-emulator-entra-token';

/** @typedef {import('./faults.js').Failure} Failure */
/** @typedef {import('./chat.js').Reply} Reply */

/**
 * One request as the emulator saw it, for tests to check what reached the wire.
 * @typedef {{ method: string, path: string, query: Record<string, string>, headers: Record<string, string>,
 *   json?: any, form?: Record<string, string | { filename: string, size: number, type: string }> }} Seen
 */

const OPERATIONS = /** @type {const} */ ({
	'chat/completions': { kind: 'chat', name: 'ChatCompletions_Create', azure: 'chatCompletion' },
	'images/generations': { kind: 'image', name: 'Images_Generate', azure: 'imagesGenerate' },
	'audio/transcriptions': {
		kind: 'transcription',
		name: 'Transcriptions_Create',
		azure: 'audioTranscription'
	}
});
/** @typedef {keyof typeof OPERATIONS} Operation */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {http.IncomingMessage} req */
async function readBody(req) {
	/** @type {Buffer[]} */
	const parts = [];
	for await (const part of req) parts.push(part);
	return Buffer.concat(parts);
}

/** @param {http.ServerResponse} res @param {number} status @param {object} body @param {Record<string, string>} [headers] */
function sendJson(res, status, body, headers = {}) {
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

/** @param {http.ServerResponse} res @param {number} status @param {string} text */
function sendText(res, status, text) {
	res.writeHead(status, {
		'Content-Type': 'text/plain; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		'apim-request-id': randomUUID()
	});
	res.end(text);
}

/** Parses the body the way the service does, keeping what tests may check. @param {http.IncomingMessage} req @param {URL} url @param {Buffer} raw */
async function parseRequest(req, url, raw) {
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
 * An API key in `api-key`, or a bearer token: Entra ID's, or on the v1 path the API key itself
 * (the v1 API takes `OpenAI(api_key=…, base_url=…/openai/v1/)`).
 * @param {Seen} seen @param {{ key: string, entraToken: string }} secrets
 */
function checkAuth(seen, secrets) {
	const apiKey = seen.headers['api-key'];
	const authorization = seen.headers.authorization;
	if (apiKey === undefined && authorization === undefined) throw unauthorized('missing');
	if (apiKey !== undefined) {
		if (apiKey !== secrets.key) throw unauthorized('key');
		return;
	}
	const bearer = authorization?.replace(/^Bearer /, '');
	const v1Key = seen.path.startsWith('/openai/v1/') && bearer === secrets.key;
	if (bearer !== secrets.entraToken && !v1Key) throw unauthorized('bearer');
}

/**
 * Which operation and deployment a path names, and which API surface applies.
 * @param {Seen} seen
 * @returns {{ operation: Operation | 'models', version: string, surface: 'ga' | 'preview' | 'v1', preview: boolean, deployment?: string }}
 */
function route(seen) {
	const path = seen.path;
	const version = seen.query['api-version'];
	if (path.startsWith('/openai/v1/')) {
		if (version && version !== 'v1' && version !== 'preview') {
			throw new HttpError(400, {
				error: { code: 'BadRequest', message: 'API version not supported' }
			});
		}
		const operation = path.slice('/openai/v1/'.length);
		if (operation === 'models' && seen.method === 'GET') {
			return { operation, version: version ?? 'v1', surface: 'v1', preview: version === 'preview' };
		}
		if (!(operation in OPERATIONS) || seen.method !== 'POST') throw resourceNotFound();
		// Images and audio exist on the v1 path only in the preview surface.
		if (operation !== 'chat/completions' && version !== 'preview') throw resourceNotFound();
		const model =
			seen.json?.model ?? (typeof seen.form?.model === 'string' ? seen.form.model : undefined);
		if (typeof model !== 'string' || !model) {
			throw invalid("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
		}
		return {
			operation: /** @type {Operation} */ (operation),
			version: version ?? 'v1',
			surface: 'v1',
			preview: true,
			deployment: model
		};
	}
	const preview = PREVIEW_VERSIONS.has(version ?? '');
	const surface = preview ? 'preview' : 'ga';
	if (path === '/openai/models' && seen.method === 'GET') {
		if (!version || !DATED_VERSIONS.has(version)) throw resourceNotFound();
		return { operation: 'models', version, surface, preview };
	}
	const dated =
		/^\/openai\/deployments\/([^/]+)\/(chat\/completions|images\/generations|audio\/transcriptions)$/.exec(
			path
		);
	if (!dated || seen.method !== 'POST' || !version || !DATED_VERSIONS.has(version)) {
		throw resourceNotFound();
	}
	return {
		operation: /** @type {Operation} */ (dated[2]),
		version,
		surface,
		preview,
		deployment: decodeURIComponent(dated[1] ?? '')
	};
}

/** @param {http.ServerResponse} res @param {boolean} v1 */
function models(res, v1) {
	const created = 1_700_000_000;
	const data = [...new Set(Object.values(DEPLOYMENTS).map((d) => d.model))].map((id) =>
		v1
			? { id, object: 'model', created, owned_by: 'system' }
			: {
					id,
					object: 'model',
					created_at: created,
					status: 'succeeded',
					lifecycle_status: 'generally-available',
					capabilities: {
						fine_tune: false,
						inference: true,
						chat_completion: !/dall|image|whisper|transcribe/.test(id),
						completion: false,
						embeddings: false
					},
					deprecation: { inference: created + 365 * 86400 }
				}
	);
	sendJson(res, 200, { data, object: 'list' });
}

/**
 * Writes a stream of events at the given pace, applying stream faults (drop, malformed, hang).
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {object[]} events
 * @param {Failure | undefined} failure @param {number} tokenDelayMs
 */
async function writeStream(req, res, events, failure, tokenDelayMs) {
	res.writeHead(200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-cache',
		'x-accel-buffering': 'no',
		'apim-request-id': randomUUID(),
		'x-ms-region': 'Emulator'
	});
	if (failure?.kind === 'hang') return hang(req);
	const delay = failure?.kind === 'slow' ? (failure.delayMs ?? 250) : tokenDelayMs;
	let aborted = false;
	req.on('close', () => (aborted = true));
	for (let i = 0; i < events.length; i++) {
		if (aborted) return;
		if (failure?.kind === 'drop' && i === (failure.afterChunks ?? 5)) {
			// Let what was written reach the client, then cut the connection mid-stream.
			await new Promise((resolve) => res.write('', () => resolve(undefined)));
			await sleep(300);
			res.socket?.destroy();
			return;
		}
		if (failure?.kind === 'malformed' && i === (failure.afterChunks ?? 3)) {
			res.write('data: {"choices":[{"index":0,"delta":{"content":"bro\n\n');
		}
		res.write(`data: ${JSON.stringify(events[i])}\n\n`);
		if (delay > 0 && i > 0) await sleep(delay);
	}
	res.end('data: [DONE]\n\n');
}

/**
 * Starts an emulator. `port: 0` picks a free port (tests run one per worker).
 * @param {{ port?: number, host?: string, key?: string, entraToken?: string, tokenDelayMs?: number,
 *   log?: boolean, quotas?: boolean, asyncFilter?: boolean }} [options]
 */
export async function createEmulator(options = {}) {
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
	let asyncFilter = options.asyncFilter ?? false;
	let blobCors = true;
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
			'filter-mode': () => api.setAsyncFilter(body.mode === 'async')
		});
		const run = body !== undefined ? actions[action] : undefined;
		if (!run) return sendJson(res, 404, { error: { code: '404', message: 'Unknown control' } });
		run();
		return sendJson(res, 200, { ok: true });
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url */
	async function serve(req, res, url) {
		const raw = await readBody(req);
		if (raw.length > MAX_AUDIO_BYTES + 1024 * 1024) {
			throw new HttpError(413, {
				error: {
					code: '413',
					message: `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${raw.length} bytes read)`
				}
			});
		}
		const { seen, files, unparsable } = await parseRequest(req, url, raw);
		requests.push(seen);
		if (options.log) console.log(`${seen.method} ${url.pathname}${url.search}`);
		const failure = failures.next((perSocket.get(req.socket) ?? 0) > 1);
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
		checkAuth(seen, secrets);
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
			const reply = composeReply(seen.json, name, deployment, replies.shift());
			if (!seen.json.stream) {
				if (failure?.kind === 'hang') return await hang(req);
				return sendJson(res, 200, completionBody(reply));
			}
			const events = streamEvents(reply, {
				includeUsage: seen.json.stream_options?.include_usage === true,
				asyncFilter
			});
			return await writeStream(req, res, events, failure, tokenDelayMs);
		}
		if (failure?.kind === 'hang') return await hang(req);
		if (deployment.kind === 'image') {
			return sendJson(res, 200, generateImages(seen.json, deployment, preview, { origin, blobs }));
		}
		const answer = await transcribe(seen.form, files, deployment, preview);
		return answer.type === 'json'
			? sendJson(res, answer.status, answer.body)
			: sendText(res, answer.status, answer.body);
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
		/** @param {number} ms */
		setTokenDelay(ms) {
			tokenDelayMs = ms;
		},
		reset() {
			blobCors = true;
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
