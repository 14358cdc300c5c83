import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Each deploy config says the same thing: nginx's is served in the end-to-end tests
 * (tests/e2e/deploy.e2e.ts); these keep Caddy's, Azure Static Web Apps' and the Dockerfile in step.
 */
const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

function nginxHeaders(): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const m of read('nginx.conf').matchAll(
		/^\s*add_header ([\w-]+) (?:"([^"]*)"|(\S+)) always;$/gm
	)) {
		headers[m[1] ?? ''] = m[2] ?? m[3] ?? '';
	}
	// The cache header is a variable there, set by a map: its fallback is what pages get.
	headers['Cache-Control'] = /default\s+"([^"]+)";/.exec(read('nginx.conf'))?.[1] ?? '';
	return headers;
}

function caddyHeaders(): Record<string, string> {
	const block = /^\theader \{\n([^}]*)\n\t\}/m.exec(read('Caddyfile'))?.[1] ?? '';
	return Object.fromEntries(
		[...block.matchAll(/^\t\t([\w-]+) "([^"]*)"$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''])
	);
}

const swa = JSON.parse(read('staticwebapp.config.json')) as {
	navigationFallback: { rewrite: string };
	globalHeaders: Record<string, string>;
	routes: { route: string; headers: Record<string, string> }[];
};

describe('deploy configs', () => {
	const nginx = nginxHeaders();

	it('nginx sends the headers a <meta> policy cannot carry', () => {
		expect(nginx).toMatchObject({
			'Content-Security-Policy': "frame-ancestors 'none'",
			'X-Frame-Options': 'DENY',
			'X-Content-Type-Options': 'nosniff',
			'Referrer-Policy': 'no-referrer',
			'Permissions-Policy': expect.stringMatching(/^microphone=\(self\), camera=\(\)/),
			'Cache-Control': 'no-cache'
		});
	});

	it('Caddy and Azure Static Web Apps send exactly the same headers as nginx', () => {
		expect(caddyHeaders()).toEqual(nginx);
		expect(swa.globalHeaders).toEqual(nginx);
	});

	it('every config caches hashed files for a year and falls back to the shell page', () => {
		const immutable = 'public, max-age=31536000, immutable';
		expect(read('nginx.conf')).toContain(`~/_app/immutable/    "${immutable}"`);
		expect(read('nginx.conf')).toMatch(/try_files \$uri \$\{cerulean_base\}200\.html;/);
		expect(read('Caddyfile')).toContain(`header Cache-Control "${immutable}"`);
		expect(read('Caddyfile')).toContain('try_files {path} /200.html');
		expect(swa.routes).toContainEqual({
			route: '/_app/immutable/*',
			headers: { 'Cache-Control': immutable }
		});
		expect(swa.navigationFallback.rewrite).toBe('/200.html');
	});

	it("the Dockerfile's sub-path edit finds its line in nginx.conf", () => {
		const edit = /sed -i "s#(.+?)#/.exec(read('../Dockerfile'))?.[1] ?? '';
		expect(edit).toBe('set \\$cerulean_base /;');
		expect(read('nginx.conf')).toContain(edit.replace('\\$', '$'));
	});
});
