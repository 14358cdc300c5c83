// `npm run dev` on a fresh clone: the first reply must not be cut off by Vite discovering the
// libraries Ask loads on demand and reloading the page to optimise them.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from './fixtures';

const port = 5199;
const dev = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;

test.use({ extraHosts: [`127.0.0.1:${port}`] });
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
	// --force: optimise dependencies from scratch, as on a fresh clone.
	server = spawn('npx', ['vite', 'dev', '--port', String(port), '--strictPort', '--force'], {
		env: { ...process.env, BASE_PATH: '' },
		stdio: 'ignore',
		detached: true
	});
	for (let i = 0; i < 120; i++) {
		const up = await fetch(`${dev}/`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('vite dev did not start');
});

test.afterAll(() => {
	if (server?.pid) process.kill(-server.pid);
});

test('the first reply on the development server arrives whole, without a reload', async ({
	page,
	emulator
}) => {
	await page.goto(`${dev}/settings`);
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByLabel('Token', { exact: true }).fill(emulator.key);
	await page.getByRole('button', { name: 'Save' }).click();
	await page.getByRole('link', { name: 'Go to Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	await page.evaluate(() => ((window as { marker?: number }).marker = 1));
	emulator.fail({ kind: 'slow', delayMs: 20 });
	await page
		.getByLabel('Message', { exact: true })
		.fill('Write a python function that counts words');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	const reply = page.getByRole('article', { name: /^assistant/ });
	await expect(reply).toContainText('Answered by the Cerulean emulator', { timeout: 30_000 });
	await expect(reply.locator('code.hljs').first()).toBeVisible();
	expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);
	await expect(reply).not.toContainText('Interrupted');
});
