import { describe, expect, it } from 'vitest';
import { describeError } from '$lib/components/error-advice';
import {
	errorFromBody,
	parseContextOverflow,
	parseFilterResults,
	parseRetryAfter
} from './error-body';
import contextLength from './fixtures/error-400-context-length.json?raw';
import invalidPayload from './fixtures/error-400-invalid-payload.json?raw';
import strictSchema from './fixtures/error-400-strict-schema.json?raw';
import toolOrder from './fixtures/error-400-tool-order.json?raw';
import badKey from './fixtures/error-401-bad-key.json?raw';
import notFound from './fixtures/error-404-deployment-not-found.json?raw';
import rateToken from './fixtures/error-429-token-rate.json?raw';
import rateAiServices from './fixtures/error-429-aiservices.json?raw';
import rateTryAgain from './fixtures/error-429-try-again.json?raw';
import promptFilter from './fixtures/error-400-content-filter-prompt.json?raw';
import imageFilter from './fixtures/error-400-image-content-filter.json?raw';
import unsupported from './fixtures/error-400-unsupported-parameter.json?raw';

describe('errorFromBody', () => {
	it('reads the recorded 401 for a bad key', () => {
		const error = errorFromBody(401, badKey);
		expect(error).toMatchObject({ kind: 'unauthorized', status: 401, code: '401' });
		expect(error.message).toMatch(/invalid subscription key/);
		expect(describeError(error).title).toMatch(/refused the token/);
	});

	it('reads DeploymentNotFound and names the deployment in the advice', () => {
		const error = errorFromBody(404, notFound);
		expect(error).toMatchObject({ kind: 'not-found', code: 'DeploymentNotFound' });
		const advice = describeError(error, { deployment: 'gpt4o' });
		expect(advice.title).toContain('"gpt4o"');
		expect(advice.action).toMatch(/not always the model name/);
	});

	it.each([
		[rateToken, 86400],
		[rateAiServices, 45],
		[rateTryAgain, 50]
	])('parses the retry delay from a 429 body', (body, seconds) => {
		const error = errorFromBody(429, body);
		expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: seconds });
		expect(describeError(error).action).toContain(`${seconds} seconds`);
	});

	it('reads the real innererror/content_filter_result spelling', () => {
		const error = errorFromBody(400, promptFilter);
		expect(error).toMatchObject({
			kind: 'content-filter',
			code: 'content_filter',
			param: 'prompt'
		});
		expect(error.contentFilter).toMatchObject({
			jailbreak: { filtered: true, detected: true },
			violence: { filtered: true, severity: 'medium' },
			hate: { filtered: false, severity: 'safe' }
		});
		expect(describeError(error).title).toBe(
			"Azure's content filter blocked this request: jailbreak, violence (medium)."
		);
	});

	it("reads the spec's inner_error/content_filter_results spelling and the camelCase image code", () => {
		const error = errorFromBody(400, imageFilter);
		expect(error).toMatchObject({ kind: 'content-filter', code: 'contentFilter' });
		expect(error.contentFilter?.sexual).toEqual({ filtered: true, severity: 'high' });
		expect(describeError(error).title).toContain('sexual (high)');
	});

	it('keeps the parameter the service names for other 400s', () => {
		const error = errorFromBody(400, unsupported);
		expect(error).toMatchObject({
			kind: 'bad-request',
			code: 'unsupported_parameter',
			param: 'max_tokens'
		});
		expect(describeError(error).title).toContain('"max_tokens"');
	});

	it('copes with a body that is not JSON', () => {
		const error = errorFromBody(502, '<html>Bad Gateway</html>');
		expect(error).toMatchObject({ kind: 'server', status: 502 });
		expect(error.message).toContain('Bad Gateway');
	});

	it('maps 403 and 5xx to their own kinds', () => {
		expect(errorFromBody(403, '{"error":{"code":"PermissionDenied","message":"x"}}').kind).toBe(
			'forbidden'
		);
		expect(errorFromBody(503, '{"error":{"code":"ServiceUnavailable","message":"x"}}').kind).toBe(
			'server'
		);
	});
});

describe('parseRetryAfter', () => {
	it('finds both wordings and ignores messages without a delay', () => {
		expect(parseRetryAfter('Please retry after 7 seconds.')).toBe(7);
		expect(parseRetryAfter('Try again in 2.5 seconds')).toBe(3);
		expect(parseRetryAfter('Too many requests')).toBeUndefined();
	});
});

describe('what Azure really says', () => {
	it('names the parameter an image error names only in its message', () => {
		const error = errorFromBody(400, invalidPayload);
		expect(error).toMatchObject({ kind: 'bad-request', code: 'invalidPayload', param: 'quality' });
		expect(describeError(error).title).toContain('(parameter "quality")');
	});

	it('reads how far a context-length error overflows', () => {
		const error = errorFromBody(400, contextLength);
		expect(error.code).toBe('context_length_exceeded');
		expect(parseContextOverflow(error.message)).toEqual({ limit: 128000, requested: 130412 });
	});

	it('reads tool-order and strict-schema refusals as bad requests naming their parameter', () => {
		expect(errorFromBody(400, toolOrder)).toMatchObject({
			kind: 'bad-request',
			param: 'messages.[57].role'
		});
		expect(errorFromBody(400, strictSchema)).toMatchObject({
			kind: 'bad-request',
			param: 'response_format'
		});
	});

	it('reads filter results in either spelling and skips what is not a result', () => {
		expect(
			parseFilterResults({
				hate: { filtered: false, severity: 'safe' },
				protected_material_text: { detected: true, filtered: true },
				custom_blocklists: { details: [] },
				error: 'x'
			})
		).toEqual({
			hate: { filtered: false, severity: 'safe' },
			protected_material_text: { filtered: true, detected: true }
		});
		expect(parseFilterResults([])).toBeUndefined();
	});
});
