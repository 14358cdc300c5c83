// @ts-check
// Which operation a request names, on the dated and the v1 path, and who is asking.
import { DATED_VERSIONS, DEPLOYMENTS, PREVIEW_VERSIONS } from './deployments.js';
import { HttpError, invalid, resourceNotFound, unauthorized } from './errors.js';
import { sendJson } from './http.js';

/** @typedef {import('./http.js').Seen} Seen */

export const OPERATIONS = /** @type {const} */ ({
	'chat/completions': { kind: 'chat', name: 'ChatCompletions_Create', azure: 'chatCompletion' },
	'images/generations': { kind: 'image', name: 'Images_Generate', azure: 'imagesGenerate' },
	'audio/transcriptions': {
		kind: 'transcription',
		name: 'Transcriptions_Create',
		azure: 'audioTranscription'
	},
	'audio/translations': {
		kind: 'transcription',
		name: 'Translations_Create',
		azure: 'audioTranslation'
	}
});
/** @typedef {keyof typeof OPERATIONS} Operation */

/**
 * An API key in `api-key`, or a bearer token: Entra ID's, or on the v1 path the API key itself
 * (the v1 API takes `OpenAI(api_key=…, base_url=…/openai/v1/)`).
 * With a trusted issuer, also the JWTs it signs (see signedBy).
 * @param {Seen} seen @param {{ key: string, entraToken: string, issuer?: { url: string, keys: import('jose').JSONWebKeySet } }} secrets
 */
export async function checkAuth(seen, secrets) {
	const apiKey = seen.headers['api-key'];
	const authorization = seen.headers.authorization;
	if (apiKey === undefined && authorization === undefined) throw unauthorized('missing');
	if (apiKey !== undefined) {
		if (apiKey !== secrets.key) throw unauthorized('key');
		return;
	}
	const bearer = authorization?.replace(/^Bearer /, '') ?? '';
	const v1Key = seen.path.startsWith('/openai/v1/') && bearer === secrets.key;
	if (bearer === secrets.entraToken || v1Key) return;
	if (!secrets.issuer || !(await signedBy(bearer, secrets.issuer))) throw unauthorized('bearer');
}

/** The audience Azure OpenAI takes Entra ID tokens for. */
export const AUDIENCE = 'https://cognitiveservices.azure.com';

/**
 * Whether a bearer token is a JWT the trusted issuer signed (against its JSON Web Key Set), for
 * Azure AI services, and not expired: what Entra ID tokens must be for Azure to accept them.
 * @param {string} token @param {{ url: string, keys: import('jose').JSONWebKeySet }} issuer
 */
async function signedBy(token, issuer) {
	const { createLocalJWKSet, jwtVerify } = await import('jose');
	try {
		await jwtVerify(token, createLocalJWKSet(issuer.keys), {
			issuer: issuer.url,
			audience: AUDIENCE,
			clockTolerance: 0
		});
		return true;
	} catch {
		return false;
	}
}

/**
 * Which operation and deployment a path names, and which API surface applies.
 * @param {Seen} seen
 * @returns {{ operation: Operation | 'models', version: string, surface: 'ga' | 'preview' | 'v1', preview: boolean, deployment?: string }}
 */
export function route(seen) {
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
		/^\/openai\/deployments\/([^/]+)\/(chat\/completions|images\/generations|audio\/transcriptions|audio\/translations)$/.exec(
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

/** @param {import('node:http').ServerResponse} res @param {boolean} v1 */
export function models(res, v1) {
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
