import { readFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { COMPILE_HINT, HINTED_FROM } from './scripts/compile-hint.js';
import { conversationShape } from './scripts/conversation-shape.js';

/** The grammars src/lib/markdown/highlight.ts loads on demand, read from that file. */
const grammars = [
	...readFileSync('src/lib/markdown/highlight.ts', 'utf8').matchAll(
		/import\('(highlight\.js\/lib\/languages\/[\w-]+)'\)/g
	)
].map((match) => match[1] ?? '');

/**
 * Chunks by what loads together. Left to itself the bundler makes a chunk for each set of pages
 * (and on-demand parts) that share a module, so a first visit fetched two dozen files, many of a
 * few hundred bytes, each repeating the names it imports. Each group below is one file instead,
 * with the modules it names and everything they import: `common` is what every page loads first
 * (Svelte, SvelteKit, zod, storage, settings), `chat` what Ask and its replies share, `requests`
 * what the other pages share. This took 2 to 3 KB gzip off each page's first load.
 */
const CHUNKS: Record<string, string[]> = {
	common: [
		'/src/lib/components/Icon.svelte',
		'/src/lib/components/keys.ts',
		'/src/lib/id.ts',
		'/src/lib/azure/errors.ts',
		'/src/lib/state/team-config.svelte.ts',
		'/src/lib/state/ui.svelte.ts',
		'/src/lib/state/settings.svelte.ts',
		'/src/lib/state/part-missing.ts',
		'/src/lib/model/chat.ts',
		'/src/lib/model/params.ts',
		'/@sveltejs/kit/src/runtime/app/state/index.js',
		'/@sveltejs/kit/src/runtime/app/navigation.js',
		'/svelte/src/internal/disclose-version.js'
	],
	chat: [
		'/src/lib/chat/conversation.ts',
		'/src/lib/chat/builtin-functions.ts',
		'/src/lib/chat/ids.ts',
		'/src/lib/model/chat-params.ts',
		'/src/lib/storage/conversations.ts',
		'/src/lib/storage/rendered.ts'
	],
	/** What every page that sends (Ask, Create Image, Transcribe, Compare) shows around a request. */
	feature: [
		'/src/lib/components/ConnectionNotice.svelte',
		'/src/lib/components/RetryStatus.svelte',
		'/src/lib/components/OperationAlert.svelte',
		'/src/lib/components/DeploymentField.svelte',
		'/src/lib/state/countdown.svelte.ts',
		'/src/lib/state/operation.svelte.ts',
		'/src/lib/components/ViewCode.svelte',
		'/src/lib/state/code-for.ts',
		'/src/lib/state/suggested.ts',
		'/src/lib/components/format.ts',
		'/src/lib/components/PromptLibraryButton.svelte'
	],
	requests: [
		'/src/lib/azure/request.ts',
		'/src/lib/azure/error-body.ts',
		'/src/lib/azure/token-source.ts',
		'/src/lib/components/Form.svelte',
		'/src/lib/components/Field.svelte',
		'/src/lib/state/read-list.ts'
	],
	/** What the pages that show a request's cost (Create Image, Transcribe, Settings) share. */
	prices: ['/src/lib/model/prices.ts', '/src/lib/state/prices.svelte.ts'],
	/** What Create Image and Transcribe share: their fields, remembered forms, figures. */
	media: [
		'/src/lib/components/ParamField.svelte',
		'/src/lib/components/figures.ts',
		'/src/lib/state/remember.ts'
	]
};

/**
 * Compiles what a page runs as it starts off the page's main thread. Left to itself, V8 compiles
 * each function the first time it is called, on the main thread: 40 to 55 ms of an empty Ask's
 * start here. The magic comment `//# allFunctionsCalledOnLoad` (Chromium 136 and later; others
 * ignore it) has the whole file compiled as it downloads, on a background thread
 * (https://v8.dev/blog/explicit-compile-hints). It goes on the entries, the pages and what they
 * import, and on the parts loaded on demand that run as soon as they arrive (CALLED_AT_ONCE), not
 * on the others (sign-in, audio, dialogs), whose functions mostly wait or are never called.
 */
function compileHints(): Plugin {
	/**
	 * Loaded on demand, but called at once: whenever Ask shows a conversation, and on Send (loaded
	 * as you begin to write).
	 */
	const CALLED_AT_ONCE = [
		'/src/routes/ask/MessageView.svelte',
		'/src/lib/markdown/render.ts',
		'/src/routes/ask/send-parts.ts',
		'/src/routes/ask/send-rules.ts',
		'/src/routes/ask/stream-reply.ts'
	];
	return {
		name: 'cerulean:compile-hints',
		applyToEnvironment: (environment) => environment.name === 'client',
		generateBundle: {
			// After minifying, which drops comments, and after Vite's own, which put a line of their
			// own at the top of a file: V8 heeds the comment only as the file's first line (further
			// down, it changed nothing here).
			order: 'post',
			handler(_options, bundle) {
				const chunks = new Map(
					Object.values(bundle).flatMap((file) =>
						file.type === 'chunk' ? [[file.fileName, file]] : []
					)
				);
				const loaded = new Set<string>();
				const visit = (fileName: string) => {
					if (loaded.has(fileName)) return;
					loaded.add(fileName);
					for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
				};
				for (const [fileName, chunk] of chunks) {
					const facade = chunk.facadeModuleId ?? '';
					if (
						/(^|\/)(entry|nodes)\//.test(fileName) ||
						CALLED_AT_ONCE.some((path) => facade.endsWith(path))
					)
						visit(fileName);
				}
				for (const fileName of loaded) {
					const chunk = chunks.get(fileName);
					if (chunk && chunk.code.length >= HINTED_FROM) chunk.code = COMPILE_HINT + chunk.code;
				}
			}
		}
	};
}

/** Where the app is served (see svelte.config.js), ending in "/". */
const base = `${process.env.BASE_PATH ?? ''}/`;

export default defineConfig({
	// See scripts/conversation-shape.js.
	define: { __CONVERSATION_SHAPE__: JSON.stringify(conversationShape()) },
	plugins: [
		sveltekit(),
		compileHints(),
		// Installable, and starts offline: a service worker (Workbox, generated at build) keeps the
		// app's own files and answers every page with the shell. It never touches requests to other
		// origins, so the service's answers are never cached. A new version waits until the person
		// chooses to reload (src/routes/UpdatePrompt.svelte), so a reply in progress is never cut.
		SvelteKitPWA({
			strategies: 'generateSW',
			registerType: 'prompt',
			injectRegister: false,
			base,
			scope: base,
			manifest: {
				name: 'Cerulean',
				short_name: 'Cerulean',
				description: 'A studio for Azure OpenAI: chat, images and transcription, in the browser.',
				start_url: base,
				scope: base,
				display: 'standalone',
				theme_color: '#0b67b0',
				background_color: '#f4f6fa',
				icons: [
					{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: 'icons/maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			kit: { adapterFallback: '200.html', spa: true },
			workbox: {
				globPatterns: ['client/**/*.{js,css,svg,png,webmanifest}'],
				// The tokenizer's encodings (1 and 2 MB, the chunks of src/routes/ask/token-count.worker.ts)
				// and the audio reader for long recordings (0.6 MB, src/lib/audio/prepare.worker.ts)
				// load when first used, not with the offline copy.
				globIgnores: [
					'client/_app/immutable/workers/chunks/**',
					'client/_app/immutable/workers/prepare.worker-*.js'
				],
				cleanupOutdatedCaches: true
			}
		})
	],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: Object.entries(CHUNKS).map(([name, paths]) => ({
						name,
						test: (id: string) => paths.some((path) => id.endsWith(path))
					}))
				}
			}
		}
	},
	// Workers as modules: the token counter loads its encoding only when first asked
	// (src/routes/ask/token-count.worker.ts).
	worker: { format: 'es' },
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	optimizeDeps: {
		// Loaded on demand (the first reply, the first code block, the first schema check): pre-bundled
		// at start, or `vite dev` finds them mid-reply and reloads the page, cutting the reply off.
		include: [
			'marked',
			'dompurify',
			// Imported by the stream worker (src/lib/azure/stream-serve.ts).
			'eventsource-parser',
			'highlight.js/lib/core',
			...grammars,
			'@cfworker/json-schema'
		]
	},
	test: {
		include: [
			'src/**/*.spec.ts',
			'tests/emulator/**/*.spec.ts',
			'tests/layers/*.spec.ts',
			'deploy/*.spec.ts'
		],
		benchmark: { include: ['src/**/*.bench.ts'] },
		exclude: ['src/**/*.svelte.spec.ts'],
		environment: 'node',
		expect: { requireAssertions: true }
	}
});
