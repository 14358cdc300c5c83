// @ts-check
// npm run bench -- profile: a CPU profile of one case, its heaviest functions by self time.
// node bench/profile.js stream [paced] [--warm]|empty|open500|scroll500|switch500|import500|many1000 [--trace]
// (--warm: one reply first, so the measured one starts from a page as warm as the benchmark's)
// With --trace: a Chromium trace instead, the page's main-thread time by kind of work (script,
// style, layout, paint, ...), self time, which a CPU profile cannot see. TRACE_FILE / PROFILE_FILE
// keep the raw trace or profile; CATS lists the trace's categories (say, toplevel too, to see what
// posted each task).
// Driven like the figures in bench/browser.js, over the bare DevTools pipe of bench/cdp.js: under
// Playwright, its Network domain would add a task per network read of a stream to the trace.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRig } from '../tests/rig.js';
import { launchBare } from './cdp.js';
import {
	entry,
	exportFile,
	largeConversation,
	manyConversations,
	scrollUpStep,
	seedScript,
	shown
} from './history.js';
import { connectApp, idle, markdownReply, replySettled, tableReply } from './reply.js';
import { startStreamServer } from './stream-server.js';

const which = process.argv[2] ?? 'stream';
const tracing = process.argv.includes('--trace');
const rig = await openRig(4181);
const streams = await startStreamServer();
const bare = await launchBare();
try {
	const page = await bare.open();
	await connectApp(page, rig.app, streams.url);
	const big = largeConversation(500);
	/** @type {Record<string, object[]>} */
	const stored = {
		open500: [big],
		scroll500: [big],
		import500: [],
		// As in bench/browser.js: the long one opened first (so what it draws is kept), then the
		// small one, then back.
		switch500: [
			big,
			{ ...largeConversation(2), id: 'small', title: 'Small one', updatedAt: big.updatedAt - 1 }
		],
		many1000: manyConversations(1000)
	};
	await page.run(seedScript, stored[which] ?? []);
	// One visit first, as the app itself would have made after the data was stored.
	await page.goto(`${rig.app}/ask`);
	await page.until(`!!document.querySelector('textarea')`);
	await page.run(idle, 15_000);
	const target = which === 'stream' ? page : await bare.open();
	const settle = () => target.run(idle, 15_000);
	/** The case's measured steps. */
	const work = async () => {
		if (which === 'stream') {
			await page.click('Send');
			await page.until(`(${replySettled})()`, 300_000);
			await settle();
		} else if (which === 'scroll500') {
			for (let i = 0; i < 40; i++) await target.run(scrollUpStep);
			await settle();
		} else if (which === 'switch500') {
			await target.clickFound(entry(big.title));
			await target.until(`(${shown})('THE-END of message 499')`);
			await settle();
		} else if (which === 'import500') {
			const file = join(tmpdir(), 'cerulean-bench-import.json');
			writeFileSync(file, exportFile(big));
			await target.setFile('input[type="file"][accept*="json"]', file);
			await target.until(`(${shown})('THE-END of message 499')`);
			await settle();
		} else {
			await target.goto(`${rig.app}/ask`);
			await target.until(`!!document.querySelector('textarea')`);
			if (which !== 'empty') await target.until(`(${shown})('THE-END of message')`);
			await settle();
		}
	};
	// What the measured steps start from: the conversation on screen, settled.
	if (which === 'stream') {
		await page.click('Ask');
		await page.fill('Model', 'gpt-4o');
		if (process.argv.includes('--warm')) {
			// One reply first, as in bench/browser.js, where each case follows others: the page's code
			// and templates are loaded and warm. Long enough to hold every kind of block (code, tables).
			streams.plan({ text: markdownReply(1500, 'Warm-up'), pace: 'full', filter: true });
			await page.fill('Message', 'Warm up');
			await page.click('Send');
			await page.until(`(${replySettled})()`, 60_000);
			await settle();
			await page.click('New conversation');
		}
		const tokens = Number(process.env.TOKENS ?? 20000);
		streams.plan({
			// TABLE=1: the reply is one long table (the bench's table case).
			text: (process.env.TABLE ? tableReply : markdownReply)(tokens, `Profiled ${Date.now()}`),
			pace: process.argv[3] === 'paced' ? 500 : 'full',
			filter: true
		});
		await page.fill('Message', 'Reply');
		await page.hover('Send');
		await settle();
	}
	if (which === 'scroll500' || which === 'switch500' || which === 'import500') {
		await target.goto(`${rig.app}/ask`);
		await target.until(`!!document.querySelector('textarea')`);
		if (which === 'scroll500') await target.until(`(${shown})('THE-END of message 499')`);
		if (which === 'switch500') {
			await target.until(`(${shown})('THE-END of message 499')`);
			await settle();
			await target.clickFound(entry('Small one'));
			await target.until(`(${shown})('THE-END of message 1')`);
		}
		await settle();
	}
	if (tracing) {
		const { events } = await bare.trace(
			(
				process.env.CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline,__metadata'
			).split(','),
			work
		);
		if (process.env.TRACE_FILE) writeFileSync(process.env.TRACE_FILE, JSON.stringify(events));
		printTrace({ traceEvents: events });
	} else {
		await target.call('Profiler.enable');
		await target.call('Profiler.setSamplingInterval', { interval: 200 });
		await target.call('Profiler.start');
		await work();
		const { profile } = await target.call('Profiler.stop');
		if (process.env.PROFILE_FILE) writeFileSync(process.env.PROFILE_FILE, JSON.stringify(profile));
		/** @type {Map<string, number>} */
		const self = new Map();
		/** @type {Map<number, any>} */
		const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
		const dt = profile.timeDeltas ?? [];
		(profile.samples ?? []).forEach((/** @type {number} */ id, /** @type {number} */ i) => {
			const node = byId.get(id);
			if (!node) return;
			const f = node.callFrame;
			const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
			self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
		});
		printProfile(self);
	}
} finally {
	await bare.close();
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
