// Plain HTTP against the emulator, so its tests see exactly what a client would: status and body.
import { createEmulator } from './server.js';

export { wav } from '../wav.js';

export type Emulator = Awaited<ReturnType<typeof createEmulator>>;

/** Bodies the tests read field by field, as they came over the wire. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON, checked by the assertions
export type Wire = any;

export interface Answer {
	status: number;
	body: Wire;
	text: string;
}

/** A request to a deployment on the dated path (or v1), as JSON or multipart. */
export async function call(
	emulator: Emulator,
	operation: 'chat/completions' | 'images/generations' | 'audio/transcriptions',
	body: Record<string, unknown> | FormData,
	options: { deployment?: string; apiVersion?: string; headers?: Record<string, string> } = {}
): Promise<Answer> {
	const deployment = options.deployment ?? 'gpt-4o';
	const version = options.apiVersion ?? '2024-10-21';
	const url =
		version === 'v1'
			? `${emulator.url}/openai/v1/${operation}${operation === 'chat/completions' ? '' : '?api-version=preview'}`
			: `${emulator.url}/openai/deployments/${deployment}/${operation}?api-version=${version}`;
	const json = !(body instanceof FormData);
	if (body instanceof FormData) {
		if (version === 'v1') body.set('model', deployment);
	}
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'api-key': emulator.key,
			...(json ? { 'Content-Type': 'application/json' } : {}),
			...options.headers
		},
		body: json ? JSON.stringify(version === 'v1' ? { model: deployment, ...body } : body) : body
	});
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: response.status, body: parsed, text };
}

/** A chat request; `messages` defaults to one user message. */
export function chat(
	emulator: Emulator,
	body: Record<string, unknown>,
	options: { deployment?: string; apiVersion?: string } = {}
) {
	return call(
		emulator,
		'chat/completions',
		{ messages: [{ role: 'user', content: 'hello' }], ...body },
		options
	);
}

/** The `data:` events of a streamed answer, parsed, without the final [DONE]. */
export function events(text: string): Wire[] {
	return text
		.split('\n\n')
		.map((block) => block.replace(/^data: /, '').trim())
		.filter((data) => data && data !== '[DONE]')
		.map((data) => JSON.parse(data));
}

/** The text of choice `index` in a list of stream events. */
export function streamedText(list: Wire[], index = 0): string {
	return list
		.flatMap((e) => e.choices)
		.filter((c: Wire) => c.index === index)
		.map((c: Wire) => c.delta?.content ?? '')
		.join('');
}
