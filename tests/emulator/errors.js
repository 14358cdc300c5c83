// @ts-check
// Azure's error bodies, as the service sends them. Where a body is quoted from a public report,
// the report is named; the README's emulator section lists them.

export class HttpError extends Error {
	/** @param {number} status @param {object} body @param {Record<string, string>} [headers] */
	constructor(status, body, headers = {}) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/** The OpenAI-style 400 most validation errors use. @param {string} message @param {string | null} param @param {string | null} [code] */
export function invalid(message, param, code = null) {
	return new HttpError(400, { error: { message, type: 'invalid_request_error', param, code } });
}

/** @param {string} name @param {string} [hint] */
export const unsupportedParameter = (name, hint = '') =>
	invalid(
		`Unsupported parameter: '${name}' is not supported with this model.${hint ? ` ${hint}` : ''}`,
		name,
		'unsupported_parameter'
	);

/** o1, o3, o4-mini and gpt-5 (microsoft/vscode#254389). @param {string} name @param {unknown} value */
export const unsupportedValue = (name, value) =>
	invalid(
		`Unsupported value: '${name}' does not support ${String(value)} with this model. Only the default (1) value is supported.`,
		name,
		'unsupported_value'
	);

/** Also what an older API version says about a newer argument (openinterpreter#618). @param {string} name */
export const unrecognizedArgument = (name) =>
	invalid(`Unrecognized request argument supplied: ${name}`, null);

/** The image service's own shape, without `param` (songquanpeng/one-api#763). @param {string} property */
export const invalidPayload = (property) =>
	new HttpError(400, {
		error: {
			code: 'invalidPayload',
			message: `Invalid payload: Value for property ${property} is invalid.`
		}
	});

export const resourceNotFound = () =>
	new HttpError(404, { error: { code: '404', message: 'Resource not found' } });

export const deploymentNotFound = () =>
	new HttpError(404, {
		error: {
			code: 'DeploymentNotFound',
			message:
				'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.'
		}
	});

/** @param {'missing' | 'key' | 'bearer'} why */
export function unauthorized(why) {
	const message = {
		missing:
			'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
		key: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
		bearer:
			'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'
	}[why];
	return new HttpError(401, { error: { code: '401', message } });
}

/**
 * An Entra ID identity without a data-plane role (Azure RBAC's wording, as in
 * https://learn.microsoft.com/azure/ai-services/openai/how-to/role-based-access-control).
 * @param {string} operationName
 */
export const forbidden = (operationName) =>
	new HttpError(403, {
		error: {
			code: 'PermissionDenied',
			message: `The principal \`00000000-0000-0000-0000-000000000000\` lacks the required data action \`Microsoft.CognitiveServices/accounts/OpenAI/deployments/${operationName.startsWith('Chat') ? 'chat/completions' : 'action'}/action\` to perform \`POST\` operation.`
		}
	});

/** The gateway gave up waiting for the request body. */
export const requestTimeout = () =>
	new HttpError(408, { error: { code: 'Timeout', message: 'The operation was timeout.' } });

/** The gateway's limit on a request body (the audio route answers the same). */
export const tooLarge = (limit = 26_214_400, read = limit + 1) =>
	new HttpError(413, {
		error: {
			code: '413',
			message: `Maximum content size limit (${limit}) exceeded (${read} bytes read)`
		}
	});

/** @param {string} operation @param {string} model */
export const operationNotSupported = (operation, model) =>
	new HttpError(400, {
		error: {
			code: 'OperationNotSupported',
			message: `The ${operation} operation does not work with the specified model, ${model}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.`
		}
	});

/** The delay is in the message: a browser cannot read Retry-After. @param {string} operationName @param {string} version @param {number} seconds */
export function rateLimited(operationName, version, seconds) {
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

export const SAFE_SEVERITY = {
	hate: { filtered: false, severity: 'safe' },
	self_harm: { filtered: false, severity: 'safe' },
	sexual: { filtered: false, severity: 'safe' },
	violence: { filtered: false, severity: 'safe' }
};
export const PROMPT_FILTER = {
	...SAFE_SEVERITY,
	jailbreak: { filtered: false, detected: false }
};

/** Real keys `innererror` and `content_filter_result` (vibrantlabsai/ragas#649); images use their own. @param {'chat' | 'image' | 'transcription'} kind */
export function contentFilterError(kind) {
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

export const serverError = () =>
	new HttpError(500, {
		error: {
			code: 'InternalServerError',
			message:
				'The server had an error processing your request. Sorry about that! You can retry your request, or contact us through an Azure support request at: https://go.microsoft.com/fwlink/?linkid=2213926 if you keep seeing this error.'
		}
	});

export const serviceUnavailable = () =>
	new HttpError(503, {
		error: {
			code: 'ServiceUnavailable',
			message: 'The service is temporarily unable to process your request. Please try again later.'
		}
	});

/**
 * Checks a number the way the service's schema validation does.
 * @param {unknown} value @param {string} name @param {number} min @param {number} max
 * @param {{ integer?: boolean }} [options]
 */
export function checkNumber(value, name, min, max, options = {}) {
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

/** @param {string} name @param {unknown} value @param {readonly string[]} allowed */
export function checkEnum(name, value, allowed) {
	if (value === undefined || allowed.includes(/** @type {string} */ (value))) return;
	throw invalid(
		`Invalid value: '${String(value)}'. Supported values are: ${allowed.map((v) => `'${v}'`).join(', ')}.`,
		name,
		'invalid_value'
	);
}
