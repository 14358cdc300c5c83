// @ts-check
// Serves build/ through Debian's nginx with deploy/nginx.conf, as a self-hoster would, under
// BASE_PATH: only the lines a deployment changes anyway (port, root, base path) are rewritten.
// Used by the end-to-end tests of the deploy config (tests/e2e/deploy.e2e.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
if (!nginx) {
	console.error(
		"nginx is not installed: the deploy tests need Debian's nginx (apt-get install nginx)."
	);
	process.exit(1);
}
const base = process.env.BASE_PATH ?? '';
const port = Number(process.env.PORT ?? 4175);
const build = new URL('../build/', import.meta.url).pathname;

/** Replaces one directive, failing loudly when the deploy config no longer has it. */
function rewrite(/** @type {string} */ text, /** @type {RegExp} */ line, /** @type {string} */ by) {
	if (!line.test(text)) throw new Error(`deploy/nginx.conf has no line matching ${line}`);
	return text.replace(line, by);
}

// A copy of the build, at a path the deploy tests know: they change sw.js there to publish a
// "new version" (tests/e2e/deploy.e2e.ts).
const dir = join(tmpdir(), `cerulean-nginx-${port}`);
await rm(dir, { recursive: true, force: true });
const www = join(dir, 'www');
await mkdir(www, { recursive: true });
await cp(build, base ? join(www, base.slice(1)) : join(www, 'app'), { recursive: true });
let site = await readFile(new URL('../deploy/nginx.conf', import.meta.url), 'utf8');
site = rewrite(site, /^(\s*)listen 8080;$/m, `$1listen 127.0.0.1:${port};`);
site = rewrite(site, /^(\s*)root [^;]+;$/m, `$1root ${base ? www : join(www, 'app')};`);
site = rewrite(site, /^(\s*)set \$cerulean_base \/;$/m, `$1set $cerulean_base ${base}/;`);
await writeFile(join(dir, 'site.conf'), site);
const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
	.map((kind) => `${kind}_temp_path ${join(dir, kind)};`)
	.join('\n\t');
await writeFile(
	join(dir, 'nginx.conf'),
	`worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 256; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	${temp}
	include ${join(dir, 'site.conf')};
}
`
);
const server = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
	stdio: 'inherit'
});
console.log(`Serving build/ through nginx at http://127.0.0.1:${port}${base}/`);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => server.kill('SIGQUIT'));
}
server.on('exit', (code) => process.exit(code ?? 0));
