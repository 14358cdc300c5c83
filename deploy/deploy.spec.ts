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
	// A header set from a map (`map $uri $name {…}`) is its fallback there: what pages get.
	for (const [name, value] of Object.entries(headers)) {
		if (value.startsWith('$')) headers[name] = mapped(value.slice(1)).default ?? '';
	}
	return headers;
}

/** A map of nginx.conf by its variable's name: pattern (or `default`) to value. */
function mapped(name: string): Record<string, string> {
	const block = new RegExp(`^map \\$\\w+ \\$${name} \\{\\n([^}]*)\\}`, 'm').exec(
		read('nginx.conf')
	);
	return Object.fromEntries(
		[...(block?.[1] ?? '').matchAll(/^\s+(\S+)\s+"([^"]*)";$/gm)].map((m) => [
			m[1] ?? '',
			m[2] ?? ''
		])
	);
}

function caddyHeaders(): Record<string, string> {
	const block = /^\theader \{\n([^}]*)\n\t\}/m.exec(read('Caddyfile'))?.[1] ?? '';
	// And the one header pages get under a matcher (the sign-in return page gets another).
	const pages = /^\theader @pages ([\w-]+) "([^"]*)"$/m.exec(read('Caddyfile'));
	return {
		...Object.fromEntries(
			[...block.matchAll(/^\t\t([\w-]+) "([^"]*)"$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''])
		),
		...(pages ? { [pages[1] ?? '']: pages[2] ?? '' } : {})
	};
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

	it('every config serves the sign-in return page without an opener policy', () => {
		expect(mapped('cerulean_opener')).toEqual({
			'~/signed-in(\\?|$)': 'unsafe-none',
			default: 'same-origin-allow-popups'
		});
		expect(read('Caddyfile')).toContain(
			'@pages not path */signed-in\n\theader @pages Cross-Origin-Opener-Policy "same-origin-allow-popups"\n\t@signedIn path */signed-in\n\theader @signedIn Cross-Origin-Opener-Policy "unsafe-none"'
		);
		expect(swa.routes).toContainEqual({
			route: '/signed-in',
			headers: { 'Cross-Origin-Opener-Policy': 'unsafe-none' }
		});
	});

	it("the Dockerfile's sub-path edit finds its line in nginx.conf", () => {
		const edit = /sed -i "s#(.+?)#/.exec(read('../Dockerfile'))?.[1] ?? '';
		expect(edit).toBe('set \\$cerulean_base /;');
		expect(read('nginx.conf')).toContain(edit.replace('\\$', '$'));
	});
});
