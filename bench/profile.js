// @ts-check
// npm run bench -- profile: a CPU profile of one case, its heaviest functions by self time.
// node bench/profile.js stream [paced]|empty|open500|scroll500|switch500|import500|many1000 [--trace]
// With --trace: a Chromium trace instead, the page's main-thread time by kind of work (script,
// style, layout, paint, ...), self time, which a CPU profile cannot see.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRig } from '../tests/rig.js';
import {
	largeConversation,
	manyConversations,
	scrollUpStep,
	seedConversations,
	visitAskOnce
} from './history.js';
import { markdownReply, quiet, settledReply } from './reply.js';
import { startStreamServer } from './stream-server.js';

const which = process.argv[2] ?? 'stream';
const tracing = process.argv.includes('--trace');
const rig = await openRig(4181);
const streams = await startStreamServer();
try {
	const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${rig.app}/settings`);
	await page.getByLabel('Endpoint').fill(streams.url);
	await page.getByLabel('Token', { exact: true }).fill('bench-key');
	await page.getByRole('button', { name: 'Save' }).click();
	if (which === 'open500' || which === 'scroll500') {
		await seedConversations(page, [largeConversation(500)]);
	}
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
	const start = async () =>
		tracing
			? rig.browser.startTracing(target, {
					categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline']
				})
			: cdp.send('Profiler.start');
	if (which === 'stream') {
		await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
		await page.getByLabel('Model').fill('gpt-4o');
		streams.plan({
			text: markdownReply(Number(process.env.TOKENS ?? 20000)),
			pace: process.argv[3] === 'paced' ? 500 : 'full',
			filter: true
		});
		await page.getByLabel('Message', { exact: true }).fill('Reply');
		await start();
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
		await start();
		await target.locator('input[type="file"][accept*="json"]').setInputFiles(file);
		await target.getByText('THE-END of message 499').last().waitFor();
		await quiet(target);
	} else if (which === 'scroll500') {
		await target.goto(`${rig.app}/ask`);
		await target.getByText('THE-END of message 499').last().waitFor();
		await quiet(target);
		await start();
		for (let i = 0; i < 40; i++) {
			await target.evaluate(scrollUpStep);
		}
		await quiet(target);
	} else if (which === 'switch500') {
		await target.goto(`${rig.app}/ask`);
		await target
			.getByText(/THE-END of message 1\b/)
			.last()
			.waitFor();
		await target.waitForTimeout(1000);
		await start();
		await target.getByRole('button', { name: /Conversation large/ }).click();
		await target
			.getByText(/THE-END of message 499/)
			.last()
			.waitFor();
		await quiet(target);
	} else {
		await start();
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
	if (tracing) {
		const buffer = await rig.browser.stopTracing();
		if (process.env.TRACE_FILE) writeFileSync(process.env.TRACE_FILE, buffer);
		printTrace(JSON.parse(buffer.toString()));
	} else {
		const { profile } = await cdp.send('Profiler.stop');
		if (process.env.PROFILE_FILE) writeFileSync(process.env.PROFILE_FILE, JSON.stringify(profile));
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
		printProfile(self);
	}
} finally {
	await streams.close();
	await rig.close();
}

/** @param {Map<string, number>} self */
function printProfile(self) {
	const total = [...self.entries()]
		.filter(([k]) => !k.startsWith('(idle)'))
		.reduce((s, [, v]) => s + v, 0);
	console.log(`busy ${total.toFixed(0)} ms`);
	for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
		console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
	}
}

/**
 * The renderer main thread's complete events summed by name, self time (children taken off).
 * @param {{ traceEvents: { name: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: any }[] }} trace
 */
function printTrace(trace) {
	const events = trace.traceEvents;
	const mains = new Set(
		events
			.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	if (!mains.size) throw new Error('no renderer main thread in the trace');
	const complete = events
		.filter((e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`))
		.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
	/** @type {Map<string, number>} */
	const self = new Map();
	/** @type {{ end: number, name: string, child: number, dur: number }[]} */
	const stack = [];
	const close = (/** @type {number} */ ts) => {
		while (stack.length && stack[stack.length - 1].end <= ts) {
			const done = /** @type {typeof stack[0]} */ (stack.pop());
			self.set(done.name, (self.get(done.name) ?? 0) + (done.dur - done.child) / 1000);
			if (stack.length) stack[stack.length - 1].child += done.dur;
		}
	};
	let tasks = 0;
	let longTasks = 0;
	for (const e of complete) {
		close(e.ts);
		const dur = e.dur ?? 0;
		if (e.name === 'RunTask' && !stack.length) {
			tasks += dur / 1000;
			if (dur >= 50_000) longTasks++;
		}
		stack.push({ end: e.ts + dur, name: e.name, child: 0, dur });
	}
	close(Infinity);
	console.log(`main thread tasks ${tasks.toFixed(0)} ms, ${longTasks} of 50 ms or more`);
	for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
		console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
	}
}
