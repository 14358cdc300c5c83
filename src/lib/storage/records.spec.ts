import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CHAT_PARAMS } from '$lib/model/chat-params';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import { emptyImageForm, IMAGE_FAMILIES, IMAGE_PARAMS, type Generation } from '$lib/model/images';
import { choicesFor } from '$lib/model/params';
import { imagePrefsSchema, transcribePrefsSchema } from '$lib/model/prefs';
import { API_VERSIONS, AUTH_KINDS } from '$lib/model/settings';
import { TRANSCRIPT_FORMATS, type TranscriptEntry } from '$lib/model/transcripts';
import { loadConversations, saveConversation } from './conversations';
import { loadFunctions, saveFunctions } from './functions';
import { gallery } from './images';
import { loadPrefs, savePrefs } from './prefs';
import { plain } from './records';
import { loadSettings, saveSettings } from './settings';
import { transcripts } from './transcripts';

/** Deeply wrapped like Svelte's `$state` proxies, which IndexedDB cannot clone. */
function proxied<T>(value: T): T {
	if (!value || typeof value !== 'object' || value instanceof Blob) return value;
	const copy = Array.isArray(value)
		? value.map(proxied)
		: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, proxied(v)]));
	return new Proxy(copy, {}) as T;
}

describe('plain', () => {
	it('turns proxies into data IndexedDB can clone, keeping blobs as they are', () => {
		const blob = new Blob(['x']);
		const value = proxied({ a: [1, { b: 'c' }], blob, gone: undefined });
		expect(() => structuredClone(value)).toThrow();
		const record = plain(value);
		expect(structuredClone(record)).toEqual({ a: [1, { b: 'c' }], blob });
		expect(record.blob).toBe(blob);
	});
});

describe('every stored shape comes back as it was written', () => {
	it('settings, under every API version, authentication and token choice', async () => {
		for (const apiVersion of API_VERSIONS) {
			for (const auth of AUTH_KINDS) {
				for (const rememberToken of [true, false]) {
					const connection = {
						id: 'c',
						name: 'Production',
						endpoint: 'https://r.openai.azure.com',
						auth,
						apiVersion,
						rememberToken,
						token: 't',
						...(auth === 'entra' ? { signIn: { tenant: 'contoso', clientId: 'app' } } : {})
					};
					const other = { ...connection, id: 'd', rememberToken: !rememberToken };
					const settings = {
						version: 2 as const,
						connections: [connection, other],
						chosen: { ask: 'd' }
					};
					await saveSettings(proxied(settings));
					const loaded = await loadSettings();
					const kept = (c: typeof connection) => {
						const { token, ...rest } = c;
						return c.rememberToken ? { ...rest, token } : rest;
					};
					expect(loaded).toEqual({
						ok: true,
						value: { ...settings, connections: [kept(connection), kept(other)] }
					});
					expect(JSON.stringify(loaded).match(/"token"/g)).toHaveLength(1);
				}
			}
		}
	});

	it('conversations with every parameter set and every kind of message', async () => {
		const params = Object.fromEntries(
			CHAT_PARAMS.map((row) => {
				const values: Record<string, unknown> = {
					responseFormat: {
						type: 'json_schema',
						json_schema: { name: 's', schema: { type: 'object' }, strict: true }
					},
					logitBias: { '50256': -100 },
					stop: ['END'],
					tools: [{ name: 'f', parameters: { type: 'object' } }],
					user: 'u',
					reasoningEffort: 'high'
				};
				return [row.key, values[row.key] ?? row.min ?? 1];
			})
		);
		const messages: ChatMessage[] = [
			{ id: 'u', role: 'user', content: 'hi', createdAt: 1, images: ['data:image/png;base64,AA'] },
			{
				id: 'a',
				role: 'assistant',
				content: '',
				createdAt: 2,
				toolCalls: [{ id: 'c', name: 'f', arguments: '{}' }],
				alternatives: [{ content: 'x', refusal: '', toolCalls: [] }],
				usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3, reasoningTokens: 2 },
				filter: { violence: { filtered: true, severity: 'high' } },
				model: 'gpt-4o-2024-08-06',
				deployment: 'gpt-4o',
				finishReason: 'length',
				status: 'stopped'
			},
			{ id: 't', role: 'tool', content: '1', toolCallId: 'c', toolName: 'f', createdAt: 3 }
		];
		for (const reasoning of [true, false]) {
			const conversation: Conversation = {
				id: `c-${reasoning}`,
				title: 't',
				createdAt: 1,
				updatedAt: reasoning ? 2 : 1,
				deployment: 'gpt-4o',
				systemMessage: 's',
				params: { ...params, reasoning },
				messages
			};
			await saveConversation(proxied(conversation));
			const { conversations } = await loadConversations();
			// With the count of writes, which a tab compares to tell whether another wrote since.
			expect(conversations.find((c) => c.id === conversation.id)).toEqual({
				...conversation,
				revision: 1
			});
		}
	});

	it('gallery entries for every family and every option, numbers typed in as numbers', async () => {
		for (const family of IMAGE_FAMILIES) {
			for (const row of IMAGE_PARAMS) {
				const options =
					row.kind === 'choice' ? choicesFor(row, family) : [row.kind === 'text' ? 'u' : 70];
				for (const value of options) {
					const generation: Generation = {
						id: `${family}-${row.key}-${value}`,
						createdAt: 1,
						deployment: family,
						family,
						// A number input hands over a number: it must be kept and read back all the same.
						form: { ...emptyImageForm(), prompt: 'p', [row.key]: value },
						images: [{ blob: new Blob(['png'], { type: 'image/png' }), revisedPrompt: 'r' }],
						usage: { total: 3 }
					};
					await gallery.save(proxied(generation));
					const { items: generations, unreadable } = await gallery.load();
					expect(unreadable).toBe(0);
					const back = generations.find((g) => g.id === generation.id);
					expect(back?.form[row.key]).toEqual(String(value));
					expect(back?.images[0]?.blob).toBeInstanceOf(Blob);
				}
			}
		}
	});

	it('transcripts in every format, on every API version, with and without the audio', async () => {
		for (const format of TRANSCRIPT_FORMATS) {
			for (const apiVersion of API_VERSIONS) {
				for (const audio of [new Blob(['wav']), undefined]) {
					const entry: TranscriptEntry = {
						id: `${format}-${apiVersion}-${!!audio}`,
						createdAt: 1,
						fileName: 'a.wav',
						size: 3,
						deployment: 'whisper',
						options: {
							format,
							language: 'de',
							prompt: 'p',
							temperature: '0.2',
							granularities: apiVersion === '2024-10-21' ? [] : ['word', 'segment']
						},
						transcript: {
							format,
							text: 't',
							raw: 'r',
							language: 'german',
							duration: 1,
							cues: [{ start: 0, end: 1, text: 't' }],
							words: [{ start: 0, end: 1, text: 't' }]
						},
						...(audio ? { audio } : {})
					};
					await transcripts.save(proxied(entry));
					const { items: entries, unreadable } = await transcripts.load();
					expect(unreadable).toBe(0);
					expect(entries.find((e) => e.id === entry.id)).toEqual(entry);
				}
			}
		}
	});

	it('the function library and each page’s remembered choices', async () => {
		const library = [{ name: 'lookup', description: 'd', parameters: { type: 'object' } }];
		await saveFunctions(proxied(library));
		expect(await loadFunctions()).toEqual(library);
		const image = {
			deployment: 'd',
			family: 'gpt-image-1' as const,
			familyChosen: true,
			form: emptyImageForm()
		};
		await savePrefs('image', imagePrefsSchema, proxied(image));
		expect(await loadPrefs('image', imagePrefsSchema)).toEqual(image);
		const transcribe = {
			deployment: 'w',
			options: {
				format: 'srt' as const,
				language: '',
				prompt: '',
				temperature: '',
				granularities: []
			},
			keepAudio: true,
			translate: true
		};
		await savePrefs('transcribe', transcribePrefsSchema, proxied(transcribe));
		expect(await loadPrefs('transcribe', transcribePrefsSchema)).toEqual(transcribe);
	});

	it('refuses to write a record it could not read back, and says so', async () => {
		// What a bug elsewhere might hand over: a prompt that is no text.
		const broken = { ...emptyImageForm(), prompt: 7 as unknown as string };
		await expect(
			gallery.save({
				id: 'x',
				createdAt: 1,
				deployment: 'd',
				family: 'dall-e-3',
				form: broken,
				images: []
			})
		).rejects.toThrow(/could not read back/);
	});
});
