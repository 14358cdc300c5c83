// Syntax highlighting, loaded piece by piece: the core once, then only the languages a reply uses
// (highlight.js's `lib/common` would compile 36 grammars in one long task on the first code block).
import type { HLJSApi, LanguageFn } from 'highlight.js';

type Loader = () => Promise<{ default: LanguageFn }>;

/** The grammars of highlight.js's common set, each its own small chunk. */
const grammars: Record<string, Loader> = {
	bash: () => import('highlight.js/lib/languages/bash'),
	c: () => import('highlight.js/lib/languages/c'),
	cpp: () => import('highlight.js/lib/languages/cpp'),
	csharp: () => import('highlight.js/lib/languages/csharp'),
	css: () => import('highlight.js/lib/languages/css'),
	diff: () => import('highlight.js/lib/languages/diff'),
	go: () => import('highlight.js/lib/languages/go'),
	graphql: () => import('highlight.js/lib/languages/graphql'),
	ini: () => import('highlight.js/lib/languages/ini'),
	java: () => import('highlight.js/lib/languages/java'),
	javascript: () => import('highlight.js/lib/languages/javascript'),
	json: () => import('highlight.js/lib/languages/json'),
	kotlin: () => import('highlight.js/lib/languages/kotlin'),
	less: () => import('highlight.js/lib/languages/less'),
	lua: () => import('highlight.js/lib/languages/lua'),
	makefile: () => import('highlight.js/lib/languages/makefile'),
	markdown: () => import('highlight.js/lib/languages/markdown'),
	objectivec: () => import('highlight.js/lib/languages/objectivec'),
	perl: () => import('highlight.js/lib/languages/perl'),
	php: () => import('highlight.js/lib/languages/php'),
	plaintext: () => import('highlight.js/lib/languages/plaintext'),
	powershell: () => import('highlight.js/lib/languages/powershell'),
	python: () => import('highlight.js/lib/languages/python'),
	r: () => import('highlight.js/lib/languages/r'),
	ruby: () => import('highlight.js/lib/languages/ruby'),
	rust: () => import('highlight.js/lib/languages/rust'),
	scss: () => import('highlight.js/lib/languages/scss'),
	shell: () => import('highlight.js/lib/languages/shell'),
	sql: () => import('highlight.js/lib/languages/sql'),
	swift: () => import('highlight.js/lib/languages/swift'),
	typescript: () => import('highlight.js/lib/languages/typescript'),
	vbnet: () => import('highlight.js/lib/languages/vbnet'),
	xml: () => import('highlight.js/lib/languages/xml'),
	yaml: () => import('highlight.js/lib/languages/yaml')
};

/** The names models write after a fence, for the grammars above. */
const aliases: Record<string, string> = {
	js: 'javascript',
	jsx: 'javascript',
	mjs: 'javascript',
	ts: 'typescript',
	tsx: 'typescript',
	py: 'python',
	sh: 'bash',
	zsh: 'bash',
	console: 'shell',
	cs: 'csharp',
	'c#': 'csharp',
	'c++': 'cpp',
	h: 'c',
	html: 'xml',
	svg: 'xml',
	yml: 'yaml',
	md: 'markdown',
	ps1: 'powershell',
	ps: 'powershell',
	golang: 'go',
	rs: 'rust',
	kt: 'kotlin',
	rb: 'ruby',
	toml: 'ini',
	text: 'plaintext',
	txt: 'plaintext',
	vb: 'vbnet',
	objc: 'objectivec'
};

let core: Promise<HLJSApi> | undefined;
const registering = new Map<string, Promise<void>>();
/** highlight.js once loaded, and the grammars registered with it so far. */
let loaded: HLJSApi | undefined;
const registered = new Set<string>();

/** The grammar a fence's language name stands for, if there is one. */
export function grammarOf(language: string): string | undefined {
	const name = language.toLowerCase();
	const grammar = aliases[name] ?? name;
	return grammar in grammars ? grammar : undefined;
}

/** highlight.js with the grammars named registered. */
export async function highlighterFor(names: Iterable<string>): Promise<HLJSApi> {
	core ??= import('highlight.js/lib/core').then((m) => (loaded = m.default));
	const hljs = await core;
	await Promise.all(
		[...new Set(names)].map((name) => {
			let pending = registering.get(name);
			if (!pending) {
				const load = grammars[name];
				pending = load
					? load().then((m) => {
							hljs.registerLanguage(name, m.default);
							registered.add(name);
						})
					: Promise.resolve();
				registering.set(name, pending);
			}
			return pending;
		})
	);
	return hljs;
}

/**
 * The code as highlight.js colours it, if `grammar` is loaded already; if not, it starts loading
 * and the next call may have it. For the stream worker, which cannot wait within a batch.
 */
export function highlightNow(grammar: string, code: string): string | undefined {
	if (!loaded || !registered.has(grammar)) {
		prepareGrammar(grammar);
		return undefined;
	}
	return loaded.highlight(code, { language: grammar, ignoreIllegals: true }).value;
}

/** Starts loading a grammar (and highlight.js) ahead of the code that will need it. */
export function prepareGrammar(grammar: string): void {
	highlighterFor([grammar]).catch(() => undefined);
}

/** What a code element on the page holds for a fence's code: marked ends it with one line break. */
export const codeText = (code: string) => (code ? `${code.replace(/\n$/, '')}\n` : '');

/** The key a code block's highlighting is offered and looked up under. */
export const codeKey = (grammar: string, code: string) => `${grammar}\n${codeText(code)}`;
