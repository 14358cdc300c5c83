// @ts-check
// npm run bench -- profile: a CPU profile of one case, its heaviest functions by self time.
// node bench/profile.js stream [paced]|empty|open500|switch500|import500|many1000
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRig } from '../tests/rig.js';
import {
	largeConversation,
	manyConversations,
	seedConversations,
	visitAskOnce
} from './history.js';
import { markdownReply, quiet, settledReply } from './reply.js';
import { startStreamServer } from './stream-server.js';

const which = process.argv[2] ?? 'stream';
const rig = await openRig(4181);
const streams = await startStreamServer();
try {
	const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${rig.app}/settings`);
	await page.getByLabel('Endpoint').fill(streams.url);
	await page.getByLabel('Token', { exact: true }).fill('bench-key');
	await page.getByRole('button', { name: 'Save' }).click();
	if (which === 'open500') await seedConversations(page, [largeConversation(500)]);
	if (which === 'switch500') {
		const big = largeConversation(500);
		const small = {
			...largeConversation(2),
			id: 'small',
			title: 'Small one',
			updatedAt: big.updatedAt + 1
		};
		await seedConversations(page, [big, small]);
	}
	if (which === 'many1000') await seedConversations(page, manyConversations(1000));
	await visitAskOnce(page, rig.app);
	const target = which === 'stream' ? page : await context.newPage();
	const cdp = await context.newCDPSession(target);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	if (which === 'stream') {
		await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
		await page.getByLabel('Model').fill('gpt-4o');
		streams.plan({
			text: markdownReply(20000),
			pace: process.argv[3] === 'paced' ? 500 : 'full',
			filter: true
		});
		await page.getByLabel('Message', { exact: true }).fill('Reply');
		await cdp.send('Profiler.start');
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await settledReply(page, 300_000);
	} else if (which === 'import500') {
		await target.goto(`${rig.app}/ask`);
		await target.getByLabel('Message', { exact: true }).waitFor();
		await quiet(target);
		const big = largeConversation(500);
		const file = join(tmpdir(), 'cerulean-bench-import.json');
		writeFileSync(
			file,
			JSON.stringify({ format: 'cerulean.conversation', version: 1, conversation: big })
		);
		await cdp.send('Profiler.start');
		await target.locator('input[type="file"][accept*="json"]').setInputFiles(file);
		await target.getByText('THE-END of message 499').last().waitFor();
		await quiet(target);
	} else if (which === 'switch500') {
		await target.goto(`${rig.app}/ask`);
		await target
			.getByText(/THE-END of message 1\b/)
			.last()
			.waitFor();
		await target.waitForTimeout(1000);
		await cdp.send('Profiler.start');
		await target.getByRole('button', { name: /Conversation large/ }).click();
		await target
			.getByText(/THE-END of message 499/)
			.last()
			.waitFor();
		await quiet(target);
	} else {
		await cdp.send('Profiler.start');
		await target.goto(`${rig.app}/ask`);
		await target.getByLabel('Message', { exact: true }).waitFor();
		if (which !== 'empty') {
			await target
				.getByText(/THE-END of message/)
				.last()
				.waitFor();
		}
		await quiet(target);
	}
	const { profile } = await cdp.send('Profiler.stop');
	/** @type {Map<string, number>} */
	const self = new Map();
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const dt = profile.timeDeltas ?? [];
	(profile.samples ?? []).forEach((id, i) => {
		const node = byId.get(id);
		if (!node) return;
		const f = node.callFrame;
		const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
		self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
	});
	const total = [...self.entries()]
		.filter(([k]) => !k.startsWith('(idle)'))
		.reduce((s, [, v]) => s + v, 0);
	console.log(`busy ${total.toFixed(0)} ms`);
	for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
		console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
	}
} finally {
	await streams.close();
	await rig.close();
}
