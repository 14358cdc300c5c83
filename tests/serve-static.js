// @ts-check
// Serves the built app (build/) the way a static host does: files as they are, the SPA fallback
// page for every other path, all under BASE_PATH. Used by the end-to-end tests.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';

const root = new URL('../build/', import.meta.url).pathname;
const base = process.env.BASE_PATH ?? '';
const port = Number(process.env.PORT ?? 4173);
const types = /** @type {Record<string, string>} */ ({
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.svg': 'image/svg+xml',
	'.json': 'application/json',
	'.png': 'image/png',
	'.woff2': 'font/woff2'
});

http
	.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith(`${base}/`) && url.pathname !== base) {
			res.writeHead(404).end('Not under the base path');
			return;
		}
		const relative = normalize(decodeURIComponent(url.pathname.slice(base.length))).replace(
			/^(\.\.[/\\])+/,
			''
		);
		let file = join(root, relative);
		const info = await stat(file).catch(() => undefined);
		if (!info?.isFile()) file = join(root, '200.html');
		res.writeHead(200, {
			'Content-Type': types[extname(file)] ?? 'application/octet-stream',
			'Cache-Control': file.includes('/immutable/')
				? 'public, max-age=31536000, immutable'
				: 'no-cache'
		});
		createReadStream(file).pipe(res);
	})
	.listen(port, '127.0.0.1', () =>
		console.log(`Serving build/ at http://127.0.0.1:${port}${base}/`)
	);
