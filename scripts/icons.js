// @ts-check
// Draws the app's icons for the web app manifest (static/icons/) from static/favicon.svg with
// Debian's Chromium: `node scripts/icons.js`. The PNGs are committed; run this after changing the
// SVG. "maskable" icons keep the mark inside the middle 80%, as launchers crop the rest.
import { readFile, mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.js';

const svg = await readFile(new URL('../static/favicon.svg', import.meta.url), 'utf8');
const out = new URL('../static/icons/', import.meta.url);
await mkdir(out, { recursive: true });
const browser = await chromium.launch(chromiumLaunchOptions);
const icons = [
	{ name: 'icon-192.png', size: 192, maskable: false },
	{ name: 'icon-512.png', size: 512, maskable: false },
	{ name: 'maskable-512.png', size: 512, maskable: true },
	{ name: 'apple-touch-icon.png', size: 180, maskable: true }
];
for (const { name, size, maskable } of icons) {
	const page = await browser.newPage({ viewport: { width: size, height: size } });
	// Maskable: the same blue to the edges, the mark scaled into the safe zone.
	const mark = maskable
		? `<div style="width:100%;height:100%;background:#1f6feb;display:grid;place-items:center">${svg.replace('<svg ', '<svg width="70%" height="70%" ')}</div>`
		: svg.replace('<svg ', '<svg width="100%" height="100%" ');
	await page.setContent(
		`<html><body style="margin:0;background:transparent">${mark}</body></html>`
	);
	await page.screenshot({ path: new URL(name, out).pathname, omitBackground: !maskable });
	await page.close();
}
await browser.close();
console.log(`Wrote ${icons.map((i) => i.name).join(', ')} to static/icons/`);
