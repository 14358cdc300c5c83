// The layer rules in eslint.config.js, proved to fire: a rule that never fires checks nothing.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return (result?.messages ?? [])
		.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
		.map((m) => m.message);
}

describe('layers', () => {
	it('a page may not import storage or the client, except their types', async () => {
		// An existing page: the type-aware parser only reads files the project knows.
		const page = 'src/routes/ask/ConversationList.svelte';
		const script = (line: string) => `<script lang="ts">\n\t${line}\n</script>\n`;
		expect(
			await problems(
				page,
				script("import { loadGallery } from '$lib/storage/images';\n\tvoid loadGallery;")
			)
		).toEqual([expect.stringContaining('through their session')]);
		expect(
			await problems(
				page,
				script("import { azureFetch } from '$lib/azure/request';\n\tvoid azureFetch;")
			)
		).toHaveLength(1);
		expect(
			await problems(
				page,
				script(
					"import type { AzureError } from '$lib/azure/errors';\n\tlet e: AzureError | undefined;\n\tvoid e;"
				)
			)
		).toEqual([]);
		// The first Svelte file starts TypeScript's project service: seconds, not milliseconds.
	}, 120_000);

	it('the client may not import Svelte, storage or UI', async () => {
		const file = 'src/lib/azure/example.ts';
		expect(await problems(file, "import { get } from 'svelte/store';\nvoid get;\n")).toHaveLength(
			1
		);
		expect(
			await problems(file, "import { store } from '../storage/stores';\nvoid store;\n")
		).toHaveLength(1);
		expect(
			await problems(
				file,
				"import { settings } from '$lib/state/settings.svelte';\nvoid settings;\n"
			)
		).toHaveLength(1);
		expect(
			await problems(
				file,
				"import { CHAT_PARAMS } from '$lib/model/chat-params';\nvoid CHAT_PARAMS;\n"
			)
		).toEqual([]);
	});

	it('storage may not import the client, and the model imports no layer', async () => {
		expect(
			await problems(
				'src/lib/storage/example.ts',
				"import { buildUrl } from '$lib/azure/request';\nvoid buildUrl;\n"
			)
		).toEqual([expect.stringContaining('shared shapes live in $lib/model')]);
		expect(
			await problems(
				'src/lib/model/example.ts',
				"import { store } from '$lib/storage/stores';\nvoid store;\n"
			)
		).toHaveLength(1);
	});
});
