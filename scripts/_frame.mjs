import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/chromium.js';
const b = await chromium.launch(chromiumLaunchOptions);
const c = await b.newContext();
c.on('weberror', (e) => console.log('weberror', e.error().message));
const p = await c.newPage();
await p.addInitScript(() => {
	const orig = IDBFactory.prototype.open;
	IDBFactory.prototype.open = function (...a) { console.log('idb open', a.join(',')); const r = orig.apply(this, a); r.addEventListener('error', () => console.log('idb error', r.error)); r.addEventListener('success', () => console.log('idb ok')); return r; };
});
p.on('console', (m) => console.log('console', m.type(), m.text()));
await p.setContent(`<iframe title="plain" src="http://127.0.0.1:4173/settings"></iframe>`);
await p.waitForTimeout(3000);
await b.close();
