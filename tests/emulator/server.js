// @ts-check
// A local stand-in for an Azure OpenAI resource: same URLs, auth check, CORS behaviour, bodies,
// streams and errors as the real service (see CONTRACT.md and the fixtures in src/lib/azure/fixtures),
// and it can be told to misbehave for the next requests.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { SAMPLE_JPEG_BASE64 } from './jpeg.js';
import { hash, makePng } from './png.js';
import { makeTranscript, toSrt, toVtt, wavDuration } from './transcript.js';

export const DEFAULT_KEY = 'cerulean-emulator-key';
export const DEFAULT_ENTRA_TOKEN = 'cerulean-emulator-entra-token';

/**
 * @typedef {{ kind: 'chat', model: string, reasoning?: boolean }
 *   | { kind: 'image', model: string, family: 'dall-e-3' | 'gpt-image-1' }
 *   | { kind: 'transcription', model: string, family: 'whisper' | 'gpt-4o-transcribe' }} Deployment
 */

/** Deployment names are the customer's choice; they are deliberately not all model names. @type {Record<string, Deployment>} */
export const DEPLOYMENTS = {
	'gpt-4o': { kind: 'chat', model: 'gpt-4o-2024-08-06' },
	'chat-mini': { kind: 'chat', model: 'gpt-4o-mini-2024-07-18' },
	'o4-mini': { kind: 'chat', model: 'o4-mini-2025-04-16', reasoning: true },
	'dall-e-3': { kind: 'image', model: 'dall-e-3', family: 'dall-e-3' },
	'gpt-image-1': { kind: 'image', model: 'gpt-image-1', family: 'gpt-image-1' },
	whisper: { kind: 'transcription', model: 'whisper', family: 'whisper' },
	'gpt-4o-transcribe': {
		kind: 'transcription',
		model: 'gpt-4o-transcribe',
		family: 'gpt-4o-transcribe'
	}
};

const DATED_VERSIONS = new Set([
	'2024-02-01',
	'2024-06-01',
	'2024-10-21',
	'2024-12-01-preview',
	'2025-01-01-preview',
	'2025-03-01-preview',
	'2025-04-01-preview'
]);
const PREVIEW_VERSIONS = new Set([...DATED_VERSIONS].filter((v) => v.endsWith('-preview')));

/**
 * What the next requests should suffer.
 * @typedef {{ kind: 'unauthorized' }
 *   | { kind: 'deployment-not-found' }
 *   | { kind: 'rate-limit', retryAfter?: number }
 *   | { kind: 'content-filter' }
 *   | { kind: 'server-error' }
 *   | { kind: 'service-unavailable' }
 *   | { kind: 'bad-request', param?: string, message?: string }
 *   | { kind: 'network' }
 *   | { kind: 'drop', afterChunks?: number }
 *   | { kind: 'slow', delayMs?: number }
 *   | { kind: 'malformed', afterChunks?: number }
 *   | { kind: 'hang' }} Failure
 */

/**
 * A scripted chat reply for the next chat request: text (one per choice), tool calls, or a reply
 * that the output content filter cuts off in the named category.
 * @typedef {{ content?: string | string[], finishReason?: string,
 *   toolCalls?: { name: string, arguments: string }[], filtered?: string }} Reply
 */

/**
 * One request as the emulator saw it, for tests to check what reached the wire.
 * @typedef {{ method: string, path: string, query: Record<string, string>, headers: Record<string, string>,
 *   json?: any, form?: Record<string, string | { filename: string, size: number, type: string }> }} Seen
 */

const SAFE_SEVERITY = {
	hate: { filtered: false, severity: 'safe' },
	self_harm: { filtered: false, severity: 'safe' },
	sexual: { filtered: false, severity: 'safe' },
	violence: { filtered: false, severity: 'safe' }
};
const PROMPT_FILTER = {
	hate: { filtered: false, severity: 'safe' },
	jailbreak: { filtered: false, detected: false },
	self_harm: { filtered: false, severity: 'safe' },
	sexual: { filtered: false, severity: 'safe' },
	violence: { filtered: false, severity: 'safe' }
};

const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
const AUDIO_EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];

class HttpError extends Error {
	/** @param {number} status @param {object} body @param {Record<string, string>} [headers] */
	constructor(status, body, headers = {}) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/** @param {string} message @param {string | null} param @param {string | null} [code] */
function invalid(message, param, code = null) {
	return new HttpError(400, {
		error: { message, type: 'invalid_request_error', param, code }
	});
}

const resourceNotFound = () =>
	new HttpError(404, { error: { code: '404', message: 'Resource not found' } });

/** @param {string} operation @param {string} model */
const operationNotSupported = (operation, model) =>
	new HttpError(400, {
		error: {
			code: 'OperationNotSupported',
			message: `The ${operation} operation does not work with the specified model, ${model}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.`
		}
	});

/** @param {string} operationName @param {string} version @param {number} seconds */
function rateLimited(operationName, version, seconds) {
	return new HttpError(
		429,
		{
			error: {
				code: '429',
				message: `Requests to the ${operationName} Operation under Azure OpenAI API version ${version} have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`
			}
		},
		{ 'retry-after': String(seconds), 'retry-after-ms': String(seconds * 1000) }
	);
}

/** @param {'chat' | 'image' | 'transcription'} kind */
function contentFilterError(kind) {
	if (kind === 'image') {
		return new HttpError(400, {
			error: {
				code: 'contentFilter',
				message: 'Your task failed as a result of our safety system.',
				inner_error: {
					code: 'ResponsibleAIPolicyViolation',
					content_filter_results: {
						...SAFE_SEVERITY,
						violence: { filtered: true, severity: 'high' }
					}
				}
			}
		});
	}
	return new HttpError(400, {
		error: {
			message:
				"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
			type: null,
			param: 'prompt',
			code: 'content_filter',
			status: 400,
			innererror: {
				code: 'ResponsibleAIPolicyViolation',
				content_filter_result: {
					hate: { filtered: false, severity: 'safe' },
					jailbreak: { filtered: true, detected: true },
					self_harm: { filtered: false, severity: 'safe' },
					sexual: { filtered: false, severity: 'safe' },
					violence: { filtered: true, severity: 'medium' }
				}
			}
		}
	});
}

/**
 * @param {unknown} value @param {string} name @param {number} min @param {number} max
 * @param {{ integer?: boolean }} [options]
 */
function checkNumber(value, name, min, max, options = {}) {
	if (value === undefined || value === null) return;
	if (typeof value !== 'number' || Number.isNaN(value)) {
		throw invalid(`${JSON.stringify(value)} is not of type 'number' - '${name}'`, name);
	}
	if (options.integer && !Number.isInteger(value)) {
		throw invalid(`${value} is not of type 'integer' - '${name}'`, name);
	}
	if (value < min) throw invalid(`${value} is less than the minimum of ${min} - '${name}'`, name);
	if (value > max)
		throw invalid(`${value} is greater than the maximum of ${max} - '${name}'`, name);
}

const REASONING_UNSUPPORTED = [
	'temperature',
	'top_p',
	'presence_penalty',
	'frequency_penalty',
	'logprobs',
	'top_logprobs',
	'logit_bias'
];

/** @param {any} body @param {Deployment & { kind: 'chat' }} deployment @param {boolean} preview */
function validateChat(body, deployment, preview) {
	if (!body || typeof body !== 'object')
		throw invalid("'messages' is a required property", 'messages');
	const messages = body.messages;
	if (!Array.isArray(messages)) throw invalid("'messages' is a required property", 'messages');
	if (messages.length < 1) throw invalid("[] is too short - 'messages'", 'messages');
	if (messages.length > 2048) throw invalid(`'messages' has more than 2048 items`, 'messages');
	const roles = [
		'system',
		'user',
		'assistant',
		'tool',
		'function',
		...(preview ? ['developer'] : [])
	];
	messages.forEach((/** @type {any} */ m, /** @type {number} */ i) => {
		if (!m || !roles.includes(m.role)) {
			throw invalid(
				`Invalid value: '${m?.role}'. Supported values are: ${roles.map((r) => `'${r}'`).join(', ')}.`,
				`messages[${i}].role`,
				'invalid_value'
			);
		}
		if (m.role === 'tool' && typeof m.tool_call_id !== 'string') {
			throw invalid(
				`Missing required parameter: 'messages[${i}].tool_call_id'.`,
				`messages[${i}].tool_call_id`,
				'missing_required_parameter'
			);
		}
	});
	if (deployment.reasoning) {
		if (body.max_tokens !== undefined) {
			throw invalid(
				"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
				'max_tokens',
				'unsupported_parameter'
			);
		}
		for (const name of REASONING_UNSUPPORTED) {
			if (body[name] !== undefined) {
				throw invalid(
					`Unsupported parameter: '${name}' is not supported with this model.`,
					name,
					'unsupported_parameter'
				);
			}
		}
	}
	checkNumber(body.temperature, 'temperature', 0, 2);
	checkNumber(body.top_p, 'top_p', 0, 1);
	checkNumber(body.frequency_penalty, 'frequency_penalty', -2, 2);
	checkNumber(body.presence_penalty, 'presence_penalty', -2, 2);
	checkNumber(body.n, 'n', 1, 128, { integer: true });
	checkNumber(body.max_tokens, 'max_tokens', 1, 1_000_000, { integer: true });
	checkNumber(body.max_completion_tokens, 'max_completion_tokens', 1, 1_000_000, { integer: true });
	checkNumber(body.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, {
		integer: true
	});
	checkNumber(body.top_logprobs, 'top_logprobs', 0, 20, { integer: true });
	if (body.logit_bias !== undefined && body.logit_bias !== null) {
		if (typeof body.logit_bias !== 'object' || Array.isArray(body.logit_bias)) {
			throw invalid(
				`${JSON.stringify(body.logit_bias)} is not of type 'object' - 'logit_bias'`,
				'logit_bias'
			);
		}
		for (const [token, bias] of Object.entries(body.logit_bias)) {
			if (!/^\d+$/.test(token))
				throw invalid(`Invalid key in 'logit_bias': ${token}.`, 'logit_bias');
			checkNumber(bias, `logit_bias.${token}`, -100, 100, { integer: true });
		}
	}
	if (body.stop !== undefined && body.stop !== null) {
		const stops = Array.isArray(body.stop) ? body.stop : [body.stop];
		if (
			stops.length < 1 ||
			stops.length > 4 ||
			stops.some((/** @type {unknown} */ s) => typeof s !== 'string')
		) {
			throw invalid(
				`${JSON.stringify(body.stop)} is not valid under any of the given schemas - 'stop'`,
				'stop'
			);
		}
	}
	if (body.response_format !== undefined) {
		const type = body.response_format?.type;
		if (!['text', 'json_object', 'json_schema'].includes(type)) {
			throw invalid(
				`Invalid value: '${type}'. Supported values are: 'json_object', 'json_schema', and 'text'.`,
				'response_format.type',
				'invalid_value'
			);
		}
		if (type === 'json_schema') {
			const name = body.response_format.json_schema?.name;
			if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
				throw invalid(
					`Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
					'response_format.json_schema.name',
					'invalid_value'
				);
			}
		}
	}
	if (body.tools !== undefined) {
		if (!Array.isArray(body.tools) || body.tools.length > 128) {
			throw invalid(`'tools' must be an array of at most 128 items`, 'tools');
		}
		body.tools.forEach((/** @type {any} */ t, /** @type {number} */ i) => {
			if (
				t?.type !== 'function' ||
				typeof t.function?.name !== 'string' ||
				!/^[a-zA-Z0-9_-]{1,64}$/.test(t.function.name)
			) {
				throw invalid(
					`Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
					`tools[${i}].function.name`,
					'invalid_value'
				);
			}
		});
	}
	if (body.reasoning_effort !== undefined) {
		if (!preview)
			throw invalid('Unrecognized request argument supplied: reasoning_effort', 'reasoning_effort');
		if (!['minimal', 'low', 'medium', 'high'].includes(body.reasoning_effort)) {
			throw invalid(
				`Invalid value: '${body.reasoning_effort}'. Supported values are: 'low', 'medium', and 'high'.`,
				'reasoning_effort',
				'invalid_value'
			);
		}
	}
	if (body.user !== undefined && typeof body.user !== 'string') {
		throw invalid(`${JSON.stringify(body.user)} is not of type 'string' - 'user'`, 'user');
	}
	if (body.stream !== undefined && typeof body.stream !== 'boolean') {
		throw invalid(`${JSON.stringify(body.stream)} is not of type 'boolean' - 'stream'`, 'stream');
	}
}

/** @param {any} message */
function textOf(message) {
	if (typeof message?.content === 'string') return message.content;
	if (Array.isArray(message?.content)) {
		return message.content
			.filter((/** @type {any} */ p) => p?.type === 'text')
			.map((/** @type {any} */ p) => p.text)
			.join(' ');
	}
	return '';
}

/** @param {any} body @param {string} deploymentName @param {Deployment} deployment */
function defaultReply(body, deploymentName, deployment) {
	const lastUser = [...body.messages].reverse().find((/** @type {any} */ m) => m.role === 'user');
	const said = textOf(lastUser).trim() || '(nothing)';
	return [
		`You said: "${said.length > 200 ? `${said.slice(0, 200)}…` : said}"`,
		'',
		`This reply comes from the **Cerulean emulator**, which speaks Azure OpenAI's wire format so the app can be tried offline. It answered as deployment \`${deploymentName}\` (model \`${deployment.model}\`).`,
		'',
		'```js',
		"console.log('hello from the emulator');",
		'```'
	].join('\n');
}

/**
 * Without a script, a request offering tools gets a demo round trip: a user message naming a tool
 * calls it (calculate gets the arithmetic found in the message), and a tool result is read back.
 * @param {any} body @returns {Reply | undefined}
 */
function demoToolReply(body) {
	const last = body.messages.at(-1);
	if (last?.role === 'tool') {
		return { content: `The function returned: ${textOf(last)}` };
	}
	if (!Array.isArray(body.tools) || last?.role !== 'user') return undefined;
	const said = textOf(last);
	const tool = body.tools.find((/** @type {any} */ t) => said.includes(t.function?.name));
	if (!tool) return undefined;
	const name = tool.function.name;
	const expression = said.match(/[\d.]+(?:\s*[-+*/^%]\s*[\d.(]+[)]*)+/)?.[0];
	return {
		toolCalls: [
			{ name, arguments: JSON.stringify(name === 'calculate' && expression ? { expression } : {}) }
		]
	};
}

/** Splits text into token-sized pieces the way a stream delivers them. @param {string} text */
export function tokenize(text) {
	return text.match(/\s*\S+|\s+/g) ?? [];
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
	/** @type {Buffer[]} */
	const parts = [];
	for await (const part of req) parts.push(part);
	return Buffer.concat(parts);
}

/**
 * Starts an emulator. `port: 0` picks a free port (tests run one per worker).
 * @param {{ port?: number, host?: string, key?: string, entraToken?: string, tokenDelayMs?: number, log?: boolean }} [options]
 */
export async function createEmulator(options = {}) {
	const key = options.key ?? DEFAULT_KEY;
	const entraToken = options.entraToken ?? DEFAULT_ENTRA_TOKEN;
	const host = options.host ?? '127.0.0.1';
	/** @type {Failure[]} */
	const failures = [];
	/** @type {Reply[]} */
	const replies = [];
	/** @type {Seen[]} */
	const requests = [];
	/** @type {Map<string, Buffer>} */
	const blobs = new Map();
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	let tokenDelayMs = options.tokenDelayMs ?? 0;
	let blobCors = true;
	let origin = '';

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

	/** @param {http.ServerResponse} res @param {number} status @param {string} text @param {string} type */
	function sendText(res, status, text, type) {
		res.writeHead(status, {
			'Content-Type': type,
			'Content-Length': Buffer.byteLength(text),
			'apim-request-id': randomUUID()
		});
		res.end(text);
	}

	/** @param {http.IncomingMessage} req @param {URL} url @param {Buffer} raw */
	async function record(req, url, raw) {
		/** @type {Seen} */
		const seen = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: /** @type {Record<string, string>} */ ({ ...req.headers })
		};
		const type = req.headers['content-type'] ?? '';
		if (type.startsWith('application/json')) {
			try {
				seen.json = JSON.parse(raw.toString('utf8'));
			} catch {
				throw invalid(
					"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
					null
				);
			}
		} else if (type.startsWith('multipart/form-data')) {
			const form = await new Request('http://emulator/', {
				method: 'POST',
				headers: { 'content-type': type },
				body: new Uint8Array(raw)
			}).formData();
			/** @type {NonNullable<Seen['form']>} */
			const fields = {};
			/** @type {Record<string, Blob>} */
			const files = {};
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
			requests.push(seen);
			return { seen, files };
		}
		requests.push(seen);
		return { seen, files: /** @type {Record<string, Blob>} */ ({}) };
	}

	/** @param {Seen} seen */
	function checkAuth(seen) {
		const apiKey = seen.headers['api-key'];
		const authorization = seen.headers.authorization;
		if (apiKey === undefined && authorization === undefined) {
			throw new HttpError(401, {
				error: {
					code: '401',
					message:
						'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.'
				}
			});
		}
		if (apiKey !== undefined) {
			if (apiKey !== key) {
				throw new HttpError(401, {
					error: {
						code: '401',
						message:
							'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'
					}
				});
			}
			return;
		}
		if (authorization !== `Bearer ${entraToken}`) {
			throw new HttpError(401, {
				error: {
					code: '401',
					message:
						'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'
				}
			});
		}
	}

	/**
	 * Works out which operation and deployment a path names, and which API version applies.
	 * @param {URL} url @param {Seen} seen
	 */
	function route(url, seen) {
		const path = url.pathname;
		const version = url.searchParams.get('api-version');
		const v1 = /^\/openai\/v1\//.exec(path);
		if (v1) {
			if (version && version !== 'v1' && version !== 'preview') {
				throw invalid(
					`Unsupported api-version '${version}' for the v1 API. Use 'v1' or 'preview'.`,
					'api-version'
				);
			}
			const operation = path.slice('/openai/v1/'.length);
			if (operation === 'models' && seen.method === 'GET')
				return { operation, version: version ?? 'v1', preview: version === 'preview' };
			const known = ['chat/completions', 'images/generations', 'audio/transcriptions'];
			if (!known.includes(operation) || seen.method !== 'POST') throw resourceNotFound();
			// Images and audio exist on the v1 path only in the preview surface.
			if (operation !== 'chat/completions' && version !== 'preview') throw resourceNotFound();
			const model =
				seen.json?.model ?? (typeof seen.form?.model === 'string' ? seen.form.model : undefined);
			if (typeof model !== 'string' || !model) {
				throw invalid(
					"Missing required parameter: 'model'.",
					'model',
					'missing_required_parameter'
				);
			}
			return { operation, version: version ?? 'v1', preview: true, deployment: model };
		}
		if (path === '/openai/models' && seen.method === 'GET') {
			if (!version || !DATED_VERSIONS.has(version)) throw resourceNotFound();
			return { operation: 'models', version, preview: PREVIEW_VERSIONS.has(version) };
		}
		const dated =
			/^\/openai\/deployments\/([^/]+)\/(chat\/completions|images\/generations|audio\/transcriptions)$/.exec(
				path
			);
		if (!dated || seen.method !== 'POST') throw resourceNotFound();
		if (!version || !DATED_VERSIONS.has(version)) throw resourceNotFound();
		return {
			operation: dated[2] ?? '',
			version,
			preview: PREVIEW_VERSIONS.has(version),
			deployment: decodeURIComponent(dated[1] ?? '')
		};
	}

	/** @param {Failure | undefined} failure @param {'chat' | 'image' | 'transcription'} kind @param {string} operationName @param {string} version */
	function failFast(failure, kind, operationName, version) {
		if (!failure) return;
		switch (failure.kind) {
			case 'unauthorized':
				throw new HttpError(401, {
					error: {
						code: '401',
						message:
							'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'
					}
				});
			case 'deployment-not-found':
				throw new HttpError(404, {
					error: {
						code: 'DeploymentNotFound',
						message:
							'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.'
					}
				});
			case 'rate-limit':
				throw rateLimited(operationName, version, failure.retryAfter ?? 10);
			case 'content-filter':
				throw contentFilterError(kind);
			case 'server-error':
				throw new HttpError(500, {
					error: {
						code: 'InternalServerError',
						message:
							'The server had an error processing your request. Sorry about that! You can retry your request, or contact us through an Azure support request at: https://go.microsoft.com/fwlink/?linkid=2213926 if you keep seeing this error.'
					}
				});
			case 'service-unavailable':
				throw new HttpError(503, {
					error: {
						code: 'ServiceUnavailable',
						message:
							'The service is temporarily unable to process your request. Please try again later.'
					}
				});
			case 'bad-request':
				throw invalid(
					failure.message ?? `Invalid value for '${failure.param ?? 'messages'}'.`,
					failure.param ?? null,
					'invalid_value'
				);
		}
	}

	/**
	 * @param {http.ServerResponse} res @param {any} body @param {string} deploymentName
	 * @param {Deployment & { kind: 'chat' }} deployment @param {Failure | undefined} failure
	 * @param {http.IncomingMessage} req
	 */
	async function chat(res, body, deploymentName, deployment, failure, req) {
		const script = replies.shift() ?? demoToolReply(body);
		const n = body.n ?? 1;
		const base = script?.content ?? defaultReply(body, deploymentName, deployment);
		const contents = Array.from({ length: n }, (_, i) =>
			Array.isArray(base) ? (base[i] ?? base[0] ?? '') : n > 1 ? `Choice ${i + 1}. ${base}` : base
		);
		const limit = body.max_completion_tokens ?? body.max_tokens;
		const toolCalls = (script?.toolCalls ?? []).map((call) => ({
			id: `call_${randomBytes(12).toString('base64url')}`,
			...call
		}));
		const choices = contents.map((text) => {
			const tokens = toolCalls.length ? [] : tokenize(text);
			const cut = limit !== undefined && tokens.length > limit;
			return {
				tokens: cut ? tokens.slice(0, limit) : tokens,
				finishReason: toolCalls.length
					? 'tool_calls'
					: script?.filtered
						? 'content_filter'
						: cut
							? 'length'
							: (script?.finishReason ?? 'stop')
			};
		});
		const finalFilter = script?.filtered
			? { ...SAFE_SEVERITY, [script.filtered]: { filtered: true, severity: 'high' } }
			: {};
		const promptTokens = body.messages.reduce(
			(/** @type {number} */ sum, /** @type {any} */ m) => sum + tokenize(textOf(m)).length + 4,
			0
		);
		const completionTokens = choices.reduce((sum, c) => sum + c.tokens.length, 0);
		const reasoningTokens = deployment.reasoning ? 64 : 0;
		const usage = {
			completion_tokens: completionTokens + reasoningTokens,
			completion_tokens_details: {
				accepted_prediction_tokens: 0,
				audio_tokens: 0,
				reasoning_tokens: reasoningTokens,
				rejected_prediction_tokens: 0
			},
			prompt_tokens: promptTokens,
			prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
			total_tokens: promptTokens + completionTokens + reasoningTokens
		};
		const id = `chatcmpl-${randomBytes(15).toString('base64url')}`;
		const created = Math.floor(Date.now() / 1000);
		const fingerprint = 'fp_emulator01';

		if (!body.stream) {
			if (failure?.kind === 'hang') return hang(req);
			sendJson(res, 200, {
				choices: choices.map((c, index) => ({
					content_filter_results: SAFE_SEVERITY,
					finish_reason: c.finishReason,
					index,
					logprobs: null,
					message: {
						annotations: [],
						content: toolCalls.length ? null : c.tokens.join(''),
						refusal: null,
						role: 'assistant',
						...(toolCalls.length
							? {
									tool_calls: toolCalls.map((t) => ({
										id: t.id,
										type: 'function',
										function: { name: t.name, arguments: t.arguments }
									}))
								}
							: {})
					}
				})),
				created,
				id,
				model: deployment.model,
				object: 'chat.completion',
				prompt_filter_results: [{ prompt_index: 0, content_filter_results: PROMPT_FILTER }],
				system_fingerprint: fingerprint,
				usage
			});
			return;
		}

		const includeUsage = body.stream_options?.include_usage === true;
		/** @param {object[]} choiceList @param {object} [extra] */
		const event = (choiceList, extra = {}) => ({
			choices: choiceList,
			created,
			id,
			model: deployment.model,
			obfuscation: randomBytes(6).toString('base64url'),
			object: 'chat.completion.chunk',
			system_fingerprint: fingerprint,
			...(includeUsage ? { usage: null } : {}),
			...extra
		});
		/** @type {object[]} */
		const events = [
			{
				choices: [],
				created: 0,
				id: '',
				model: '',
				object: '',
				prompt_filter_results: [{ prompt_index: 0, content_filter_results: PROMPT_FILTER }]
			}
		];
		choices.forEach((_, index) => {
			if (toolCalls.length) {
				// Tool calls stream as a name first, then the arguments in pieces.
				toolCalls.forEach((call, i) => {
					events.push(
						event([
							{
								content_filter_results: {},
								delta: {
									content: null,
									role: 'assistant',
									tool_calls: [
										{
											index: i,
											id: call.id,
											type: 'function',
											function: { name: call.name, arguments: '' }
										}
									]
								},
								finish_reason: null,
								index,
								logprobs: null
							}
						])
					);
					for (const piece of call.arguments.match(/.{1,8}/gs) ?? []) {
						events.push(
							event([
								{
									delta: { tool_calls: [{ index: i, function: { arguments: piece } }] },
									finish_reason: null,
									index,
									logprobs: null
								}
							])
						);
					}
				});
				return;
			}
			events.push(
				event([
					{
						content_filter_results: {},
						delta: { content: '', refusal: null, role: 'assistant' },
						finish_reason: null,
						index,
						logprobs: null
					}
				])
			);
		});
		const longest = Math.max(...choices.map((c) => c.tokens.length));
		for (let t = 0; t < longest; t++) {
			choices.forEach((c, index) => {
				const token = c.tokens[t];
				if (token === undefined) return;
				events.push(
					event([
						{
							content_filter_results: SAFE_SEVERITY,
							delta: { content: token },
							finish_reason: null,
							index,
							logprobs: null
						}
					])
				);
			});
		}
		choices.forEach((c, index) => {
			events.push(
				event([
					{
						content_filter_results: finalFilter,
						delta: {},
						finish_reason: c.finishReason,
						index,
						logprobs: null
					}
				])
			);
		});
		if (includeUsage) events.push({ ...event([]), usage });

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
		req.on('close', () => {
			aborted = true;
		});
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

	/** Keeps the request open until the client gives up. @param {http.IncomingMessage} req */
	function hang(req) {
		return new Promise((resolve) => req.on('close', resolve));
	}

	/** @param {http.ServerResponse} res @param {any} body @param {Deployment & { kind: 'image' }} deployment @param {boolean} preview */
	function images(res, body, deployment, preview) {
		if (!body || typeof body.prompt !== 'string' || !body.prompt) {
			throw invalid("'prompt' is a required property", 'prompt');
		}
		const dalle = deployment.family === 'dall-e-3';
		if (!dalle && !preview) throw operationNotSupported('imagesGenerate', deployment.model);
		const maxPrompt = dalle ? 4000 : 32000;
		if (body.prompt.length > maxPrompt) {
			throw invalid(
				`'${body.prompt.slice(0, 20)}…' is too long - 'prompt'. Expected at most ${maxPrompt} characters.`,
				'prompt'
			);
		}
		const sizes = dalle
			? ['1024x1024', '1792x1024', '1024x1792']
			: ['1024x1024', '1024x1536', '1536x1024', 'auto'];
		const size = body.size ?? '1024x1024';
		if (!sizes.includes(size)) {
			throw invalid(
				`Invalid value: '${size}'. Supported values are: ${sizes.map((s) => `'${s}'`).join(', ')}.`,
				'size',
				'invalid_value'
			);
		}
		const n = body.n ?? 1;
		if (dalle && n !== 1)
			throw invalid('You must provide n=1 for this model.', 'n', 'invalid_value');
		checkNumber(n, 'n', 1, 10, { integer: true });
		const qualities = dalle ? ['standard', 'hd'] : ['low', 'medium', 'high', 'auto'];
		if (body.quality !== undefined && !qualities.includes(body.quality)) {
			throw invalid(
				`Invalid value: '${body.quality}'. Supported values are: ${qualities.map((q) => `'${q}'`).join(', ')}.`,
				'quality',
				'invalid_value'
			);
		}
		if (dalle) {
			if (body.style !== undefined && !['vivid', 'natural'].includes(body.style)) {
				throw invalid(
					`Invalid value: '${body.style}'. Supported values are: 'vivid' and 'natural'.`,
					'style',
					'invalid_value'
				);
			}
			if (
				body.response_format !== undefined &&
				!['url', 'b64_json'].includes(body.response_format)
			) {
				throw invalid(
					`Invalid value: '${body.response_format}'. Supported values are: 'url' and 'b64_json'.`,
					'response_format',
					'invalid_value'
				);
			}
			for (const name of ['output_format', 'output_compression', 'background']) {
				if (body[name] !== undefined)
					throw invalid(`Unknown parameter: '${name}'.`, name, 'unknown_parameter');
			}
		} else {
			for (const name of ['style', 'response_format']) {
				if (body[name] !== undefined)
					throw invalid(`Unknown parameter: '${name}'.`, name, 'unknown_parameter');
			}
			if (body.output_format !== undefined && !['png', 'jpeg'].includes(body.output_format)) {
				throw invalid(
					`Invalid value: '${body.output_format}'. Supported values are: 'png' and 'jpeg'.`,
					'output_format',
					'invalid_value'
				);
			}
			checkNumber(body.output_compression, 'output_compression', 0, 100, { integer: true });
			if (
				body.background !== undefined &&
				!['transparent', 'opaque', 'auto'].includes(body.background)
			) {
				throw invalid(
					`Invalid value: '${body.background}'. Supported values are: 'transparent', 'opaque', and 'auto'.`,
					'background',
					'invalid_value'
				);
			}
		}
		const [width, height] = (size === 'auto' ? '1024x1024' : size).split('x').map(Number);
		const created = Math.floor(Date.now() / 1000);
		const data = Array.from({ length: n }, (_, i) => {
			const png = makePng(width ?? 1024, height ?? 1024, hash(`${body.prompt}#${i}`));
			if (!dalle) {
				return {
					b64_json: body.output_format === 'jpeg' ? SAMPLE_JPEG_BASE64 : png.toString('base64')
				};
			}
			const revised = `A detailed picture of ${body.prompt.trim().replace(/[.]+$/, '')}, as imagined by the Cerulean emulator.`;
			const filters = {
				content_filter_results: SAFE_SEVERITY,
				prompt_filter_results: {
					...SAFE_SEVERITY,
					profanity: { detected: false, filtered: false }
				},
				revised_prompt: revised
			};
			if (body.response_format === 'b64_json')
				return { b64_json: png.toString('base64'), ...filters };
			const id = randomUUID();
			blobs.set(id, png);
			const expiry = new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
			return {
				url: `${origin}/__emulator/blob/${id}.png?se=${encodeURIComponent(expiry)}&sig=emulator`,
				...filters
			};
		});
		sendJson(res, 200, {
			created,
			data,
			...(dalle
				? {}
				: {
						usage: {
							input_tokens: 12,
							input_tokens_details: { image_tokens: 0, text_tokens: 12 },
							output_tokens: 4160 * n,
							total_tokens: 12 + 4160 * n
						}
					})
		});
	}

	/**
	 * @param {http.ServerResponse} res @param {Seen} seen @param {Record<string, Blob>} files
	 * @param {Deployment & { kind: 'transcription' }} deployment @param {boolean} preview
	 */
	async function transcriptions(res, seen, files, deployment, preview) {
		const form = seen.form;
		if (!form) throw invalid('Content-Type must be multipart/form-data.', null);
		const file = files.file;
		const info = form.file;
		if (!file || typeof info !== 'object')
			throw invalid("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
		const extension = info.filename.split('.').pop()?.toLowerCase() ?? '';
		if (!AUDIO_EXTENSIONS.includes(extension)) {
			throw invalid(
				`Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXTENSIONS)}`,
				'file',
				'invalid_value'
			);
		}
		const str = (/** @type {string} */ name) =>
			typeof form[name] === 'string' ? /** @type {string} */ (form[name]) : undefined;
		const format = str('response_format') ?? 'json';
		const formats =
			deployment.family === 'whisper'
				? ['json', 'text', 'srt', 'verbose_json', 'vtt']
				: ['json', 'text'];
		if (!formats.includes(format)) {
			throw invalid(
				`response_format '${format}' is not compatible with model '${deployment.model}'. Use 'json' or 'text'.`,
				'response_format',
				'unsupported_value'
			);
		}
		const temperature = str('temperature');
		if (temperature !== undefined) checkNumber(Number(temperature), 'temperature', 0, 1);
		const language = str('language');
		if (language !== undefined && !/^[a-z]{2,3}$/.test(language)) {
			throw invalid(
				`Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`,
				'language',
				'invalid_value'
			);
		}
		const granularities = str('timestamp_granularities[]');
		if (granularities !== undefined) {
			if (!preview)
				throw invalid(
					'Unrecognized request argument supplied: timestamp_granularities[]',
					'timestamp_granularities'
				);
			if (format !== 'verbose_json')
				throw invalid(
					'timestamp_granularities requires response_format=verbose_json',
					'timestamp_granularities'
				);
		}
		const bytes = new Uint8Array(await file.arrayBuffer());
		const duration = wavDuration(bytes) ?? 11.97;
		const transcript = makeTranscript(duration, {
			...(language ? { language } : {}),
			...(temperature !== undefined ? { temperature: Number(temperature) } : {})
		});
		const wantsWords = granularities?.split(',').includes('word') ?? false;
		const wantsSegments =
			granularities === undefined || granularities.split(',').includes('segment');
		switch (format) {
			case 'text':
				return sendText(res, 200, `${transcript.text}\n`, 'text/plain; charset=utf-8');
			case 'srt':
				return sendText(res, 200, toSrt(transcript.segments), 'text/plain; charset=utf-8');
			case 'vtt':
				return sendText(res, 200, toVtt(transcript.segments), 'text/plain; charset=utf-8');
			case 'verbose_json':
				return sendJson(res, 200, {
					task: 'transcribe',
					language: transcript.language,
					duration: transcript.duration,
					text: transcript.text,
					...(wantsWords ? { words: transcript.words } : {}),
					...(wantsSegments ? { segments: transcript.segments } : {})
				});
			default:
				return sendJson(res, 200, { text: transcript.text });
		}
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

	/** Test and demo controls; not part of Azure's surface. @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url */
	async function control(req, res, url) {
		const action = url.pathname.slice('/__emulator/'.length);
		if (action.startsWith('blob/') && req.method === 'GET') {
			const blob = blobs.get(action.slice(5).replace(/\.png$/, ''));
			if (!blob)
				return sendJson(res, 404, {
					error: { code: 'BlobNotFound', message: 'The specified blob does not exist.' }
				});
			// Azure's blob host may not answer cross-origin downloads; tests can make it refuse.
			if (!blobCors) res.removeHeader('Access-Control-Allow-Origin');
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': blob.length });
			return res.end(blob);
		}
		if (action === 'requests' && req.method === 'GET') return sendJson(res, 200, requests);
		if (req.method !== 'POST')
			return sendJson(res, 404, { error: { code: '404', message: 'Unknown control' } });
		const body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
		if (action === 'fail') api.fail(body, body.times ?? 1);
		else if (action === 'reply') api.reply(body);
		else if (action === 'reset') api.reset();
		else return sendJson(res, 404, { error: { code: '404', message: 'Unknown control' } });
		return sendJson(res, 200, { ok: true });
	}

	const server = http.createServer(async (req, res) => {
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
			const raw = await readBody(req);
			if (raw.length > MAX_AUDIO_BYTES + 1024 * 1024) {
				throw new HttpError(413, {
					error: {
						code: '413',
						message: `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${raw.length} bytes read)`
					}
				});
			}
			const { seen, files } = await record(req, url, raw);
			if (options.log) console.log(`${seen.method} ${url.pathname}${url.search}`);
			const failure = failures.shift();
			if (failure?.kind === 'network') {
				// The connection is cut before any answer, as a proxy or a dropped network would.
				req.socket.destroy();
				return;
			}
			checkAuth(seen);
			const { operation, version, preview, deployment: deploymentName } = route(url, seen);
			if (operation === 'models') {
				failFast(failure, 'chat', 'Models_List', version);
				if (failure?.kind === 'hang') return await hang(req);
				return models(res, url.pathname.startsWith('/openai/v1/'));
			}
			const deployment = deploymentName ? DEPLOYMENTS[deploymentName] : undefined;
			if (!deployment) {
				failFast(failure, 'chat', 'ChatCompletions_Create', version);
				return failFast({ kind: 'deployment-not-found' }, 'chat', '', version);
			}
			const kind = /** @type {const} */ ({
				'chat/completions': 'chat',
				'images/generations': 'image',
				'audio/transcriptions': 'transcription'
			})[operation];
			const operationName = {
				chat: 'ChatCompletions_Create',
				image: 'Images_Generate',
				transcription: 'Transcriptions_Create'
			}[kind ?? 'chat'];
			failFast(failure, kind ?? 'chat', operationName, version);
			if (deployment.kind !== kind) {
				throw operationNotSupported(
					{ chat: 'chatCompletion', image: 'imagesGenerate', transcription: 'audioTranscription' }[
						kind ?? 'chat'
					],
					deployment.model
				);
			}
			if (deployment.kind === 'chat') {
				validateChat(seen.json, deployment, preview);
				return await chat(res, seen.json, deploymentName ?? '', deployment, failure, req);
			}
			if (failure?.kind === 'hang') return await hang(req);
			if (deployment.kind === 'image') return images(res, seen.json, deployment, preview);
			return await transcriptions(res, seen, files, deployment, preview);
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
		key,
		entraToken,
		/** Every API request received, oldest first. */
		requests,
		/** The next `times` API requests suffer `failure`. @param {Failure} failure @param {number} [times] */
		fail(failure, times = 1) {
			for (let i = 0; i < times; i++) failures.push(failure);
		},
		/** The next chat request answers with this. @param {Reply} reply */
		reply(reply) {
			replies.push(reply);
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
			failures.length = 0;
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
