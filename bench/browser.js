// @ts-check
// npm run bench: Cerulean measured in Debian's Chromium against its own static build, side by
// side with a bare stream reader (the floor) and a baseline page that re-renders the whole
// Markdown on every chunk (the common approach), all fed identical streams by bench/stream-server.js.
// Prints a table and writes bench/results/latest.json. The quick cases (a reply at full speed, the
// history cases) are measured REPEATS times in the run: the median is printed, with the range
// and the worst run's long tasks. While working on one case:
// BENCH_CASE=500-true (its pace and whether it has filter results; 500-true-table the long table)
// runs that streaming case alone, and BENCH_APP_ONLY=1 leaves out the bare reader and the baseline.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openRig } from '../tests/rig.js';
import {
	entry,
	exportFile,
	largeConversation,
	manyConversations,
	scrollUpStep,
	seedScript,
	shown
} from './history.js';
import { audioCase } from './audio.js';
import { LONG_TASKS, launchBare, measuring } from './cdp.js';
import { connectApp, idle, markdownReply, replySettled, tableReply } from './reply.js';
import { startStreamServer } from './stream-server.js';

/** How long the baseline may run before it is cut (it can take many minutes on a long reply). */
const BASELINE_LIMIT_MS = 60_000;
/** How many times each fast case (a full-speed reply, the history cases) is measured in one run. */
const REPEATS = 3;
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const run = (/** @type {string} */ part) => !only || only === part;

const rig = await openRig(4180);
const { app, browser } = rig;
const streams = await startStreamServer();
/** Streams and history are measured in a Chromium with nothing else attached (bench/cdp.js). */
let bare = await launchBare();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript({ content: LONG_TASKS });

/** Measuring a page driven by Playwright (first loads, long audio). @param {import('@playwright/test').Page} page */
async function probe(page) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable');
	return measuring(
		(method, params) => cdp.send(/** @type {any} */ (method), params),
		(expression) => page.evaluate(expression)
	);
}

/** @type {Record<string, unknown>} */
const results = {
	machine: { cpus: cpus().length, model: cpus()[0]?.model, loadBefore: loadavg() }
};

try {
	// 1. First load: JavaScript and CSS each page fetches on a first visit, gzip.
	const firstLoad = {};
	for (const path of run('load') ? ['/settings', '/ask', '/image', '/transcribe'] : []) {
		const page = await context.newPage();
		let bytes = 0;
		page.on('response', async (response) => {
			if (!/\.(js|css)$/.test(new URL(response.url()).pathname)) return;
			const body = await response.body().catch(() => Buffer.alloc(0));
			bytes += gzipSync(body, { level: 9 }).length;
		});
		await page.goto(`${app}${path}`, { waitUntil: 'networkidle' });
		firstLoad[path] = Math.round(bytes / 102.4) / 10;
		await page.close();
	}
	if (run('load')) results.firstLoadKb = firstLoad;
	if (run('stream')) await streamCases();
	if (run('history')) {
		// In a browser of its own: after the stream part's baselines (minutes of work, huge pages
		// closed), a page started in the same browser took half as long again (an empty Ask: 0.26 s
		// against 0.17 s), and the loads with stored conversations had a long task in every run.
		if (run('stream')) {
			await bare.close();
			bare = await launchBare();
		}
		const runs = [];
		for (let i = 0; i < REPEATS; i++) runs.push(await historyCases());
		results.history = middleOf(runs);
		console.log(`  history: ${JSON.stringify(results.history)}`);
	}
	if (run('audio')) {
		results.longAudio = await audioCase(context, app, rig.emulator, probe, quick ? 3 : 20);
		console.log(`  long audio: ${JSON.stringify(results.longAudio)}`);
	}
} finally {
	results.machine = { .../** @type {object} */ (results.machine), loadAfter: loadavg() };
	await mkdir(new URL('./results/', import.meta.url), { recursive: true });
	await writeFile(
		new URL('./results/latest.json', import.meta.url),
		JSON.stringify(results, null, 2)
	);
	printTable(results);
	await bare.close();
	await streams.close();
	await rig.close();
}

/**
 * The app, the bare reader and the baseline on the same streams; then IndexedDB while streaming.
 * Measured in a Chromium of their own with nothing attached but the measuring (bench/cdp.js).
 */
async function streamCases() {
	const page = await bare.open();
	try {
		await connectApp(page, app, streams.url);
		await page.click('Ask');
		await page.fill('Model', 'gpt-4o');
		/**
		 * One of the comparison pages on the same stream, in a tab of its own that is closed after:
		 * Chromium draws far fewer frames for a tab that is not the front one, so two tabs open at
		 * once would flatter whichever is behind.
		 * @param {'bare' | 'baseline'} name @param {number} limit
		 */
		const alone = async (name, limit) => {
			const other = await bare.open();
			await other.goto(`${streams.url}/${name}.html`);
			const measured = await other.measure(() => other.evaluate(`window.run(${limit})`));
			await other.close();
			// The closed tab's process is torn down before anything else is measured.
			await new Promise((resolve) => setTimeout(resolve, 1000));
			return measured;
		};
		/** Waits for the last reply to settle with THE-END in it. */
		const settled = (timeout = 300_000) => page.until(`(${replySettled})()`, timeout);

		const cases = [
			{ tokens: 20000, pace: 500, filter: true, baseline: true },
			{ tokens: 20000, pace: 500, filter: false, baseline: false },
			{ tokens: 20000, pace: 'full', filter: true, baseline: true },
			{ tokens: 20000, pace: 'full', filter: false, baseline: false },
			{ tokens: 5000, pace: 'full', filter: true, baseline: true },
			// A table is one block until it ends: its rows must not each cost a redraw of all before.
			{ tokens: 8000, pace: 500, filter: true, baseline: false, table: true }
		]
			.filter((c) => !quick || c.pace === 'full')
			.filter(
				(c) =>
					!process.env.BENCH_CASE ||
					`${c.pace}-${c.filter}${c.table ? '-table' : ''}` === process.env.BENCH_CASE
			);
		/**
		 * The app's replies come first, all of them, one after another in its tab as a user's do;
		 * then the bare reader's reads; then the baselines. Measured in between them (each read and
		 * each baseline is a tab of its own, opened and closed), the app's replies cost more and
		 * moved more on this 2-core machine: 5k tokens at full speed took 0.09–0.18 s, against
		 * 0.06–0.08 s in a row. The bare reader, in a fresh tab each time, moved as much either way.
		 * Each measured reply streams a text of its own: the app keeps the drawn HTML of every
		 * finished text, and would draw a repeated one from that memory.
		 */
		const runs = cases.map((c) => {
			const label = `${c.tokens / 1000}k tokens${c.table ? ' of one table' : ''}, ${c.pace === 'full' ? 'full speed' : `${c.pace} tokens/s`}, ${c.filter ? 'with' : 'no'} filter`;
			// A full-speed reply takes a fraction of a second, and one measurement of it moves with
			// whatever else the machine does: it is measured REPEATS times, as is the bare reader's read
			// of it, and each side's median run is reported, with all the runs' figures; a paced one
			// lasts 40 s and is measured once.
			const plans = Array.from({ length: c.pace === 'full' ? REPEATS : 1 }, (_, repeat) => ({
				text: (c.table ? tableReply : markdownReply)(
					c.tokens,
					repeat ? `${label}, again (${repeat})` : label
				),
				pace: /** @type {number | 'full'} */ (c.pace),
				filter: c.filter
			}));
			return { c, label, plans };
		});
		const replies = [];
		for (const { c, plans } of runs) {
			const ours = [];
			for (const plan of plans) {
				streams.plan(plan);
				await page.front();
				await page.click('New conversation');
				await page.fill('Message', `Reply with ${c.tokens} tokens`);
				// The pointer comes to rest on Send, and the page settles, before the press is measured.
				await page.hover('Send');
				await page.run(idle, 15_000);
				// Measured until the page is idle again: work left for after the reply settles (keeping
				// its HTML, late highlighting) is the reply's cost too.
				ours.push(
					await page.measure(async () => {
						const started = Date.now();
						await page.click('Send');
						await settled();
						const wall = Date.now() - started;
						await page.run(idle, 15_000);
						return wall;
					})
				);
			}
			const heap =
				c.tokens === 20000 && c.pace !== 'full' && c.filter ? await page.heapMb() : undefined;
			replies.push({ ours, heap });
		}
		const streaming = [];
		for (const [index, { label, plans }] of runs.entries()) {
			const { ours: oursEach, heap } = /** @type {typeof replies[0]} */ (replies[index]);
			const bares = [];
			for (const plan of plans) {
				streams.plan(plan);
				bares.push(
					process.env.BENCH_APP_ONLY
						? { mainMs: 0, cpuMs: 0, longTasks: 0, maxLongMs: 0, result: undefined }
						: await alone('bare', 300_000)
				);
			}
			// The app's replies and the bare reader's reads are measured apart (see above), so runs are
			// not paired: each side's median run is taken, and the ratio is that of the two.
			const ours = medianRun(oursEach);
			const bare = medianRun(bares);
			const wall = /** @type {number} */ (ours.result);
			const spread = (/** @type {{ mainMs: number }[]} */ list) =>
				list.length > 1 ? { mainMsEach: list.map((m) => m.mainMs) } : {};
			const row = {
				case: label,
				cerulean: {
					mainMs: ours.mainMs,
					cpuMs: ours.cpuMs,
					busyPercent: Math.round((ours.mainMs / wall) * 1000) / 10,
					// Long tasks in any of the runs, not only the median one.
					longTasks: Math.max(...oursEach.map((m) => m.longTasks)),
					maxLongMs: Math.max(...oursEach.map((m) => m.maxLongMs)),
					wallMs: wall,
					...spread(oursEach),
					...(heap ? { heapMb: heap } : {})
				},
				bare: {
					mainMs: bare.mainMs,
					cpuMs: bare.cpuMs,
					longTasks: bare.longTasks,
					...spread(bares)
				},
				ratioToBare: Math.round((ours.mainMs / Math.max(1, bare.mainMs)) * 100) / 100,
				runs: plans.length
			};
			streaming.push(row);
		}
		for (const [index, { c, label, plans }] of runs.entries()) {
			const row = /** @type {typeof streaming[0]} */ (streaming[index]);
			const plan = /** @type {typeof plans[0]} */ (plans[0]);
			if (c.baseline && !process.env.BENCH_APP_ONLY) {
				streams.plan(plan);
				const baseline = await alone('baseline', BASELINE_LIMIT_MS);
				Object.assign(row, {
					baseline: {
						mainMs: baseline.mainMs,
						longTasks: baseline.longTasks,
						maxLongMs: baseline.maxLongMs,
						finished: baseline.result.done,
						shownPercent: Math.round((baseline.result.characters / plan.text.length) * 100)
					}
				});
			}
			console.log(`  ${label}: ${JSON.stringify(row)}`);
		}
		results.streaming = streaming;

		// 3. IndexedDB while streaming: writes and their size, 5k tokens at 500 tokens/s.
		streams.plan({ text: markdownReply(5000, 'IndexedDB'), pace: 500, filter: true });
		await page.front();
		await page.click('New conversation');
		await page.evaluate(`(() => {
			window.__writes = [];
			const put = IDBObjectStore.prototype.put;
			IDBObjectStore.prototype.put = function (value, key) {
				window.__writes.push({ at: performance.now(), db: this.transaction.db.name, bytes: JSON.stringify(value ?? null).length });
				return put.call(this, value, key);
			};
		})()`);
		await page.fill('Message', 'Reply with 5000 tokens');
		/** @type {number} */
		const sentAt = await page.evaluate('performance.now()');
		await page.click('Send');
		await settled(120_000);
		/** @type {{ at: number, db: string, bytes: number }[]} */
		const writes = await page.evaluate('window.__writes');
		const span = ((writes.at(-1)?.at ?? sentAt) - sentAt) / 1000;
		const drafts = writes.filter((w) => w.db === 'cerulean-drafts');
		/** @type {Record<string, number>} */
		const byStore = {};
		for (const w of writes) byStore[w.db] = (byStore[w.db] ?? 0) + 1;
		results.storageWhileStreaming = {
			writes: writes.length,
			byStore,
			seconds: Math.round(span * 10) / 10,
			draftWritesPerSecond: Math.round((drafts.length / Math.max(span, 1)) * 100) / 100,
			largestDraftKb: Math.round(Math.max(0, ...drafts.map((w) => w.bytes)) / 102.4) / 10,
			largestWriteKb: Math.round(Math.max(0, ...writes.map((w) => w.bytes)) / 102.4) / 10,
			totalKb: Math.round(writes.reduce((sum, w) => sum + w.bytes, 0) / 102.4) / 10
		};
		console.log(`  IndexedDB while streaming: ${JSON.stringify(results.storageWhileStreaming)}`);
	} finally {
		await page.close();
	}
}

/** Opening, switching to and scrolling a 500-message conversation; the page with 1,000 stored. */
async function historyCases() {
	/** A fresh tab on Ask with `conversations` stored; main-thread time until the log is drawn. */
	const openAsk = async (/** @type {object[]} */ conversations, /** @type {string} */ lastText) => {
		const seeding = await bare.open();
		await seeding.goto(`${app}/settings`);
		await seeding.run(seedScript, conversations);
		// One visit first, as the app itself would have made after the data was stored: it keeps
		// the list's summaries, so the measured visit reads them as a user's would.
		await seeding.goto(`${app}/ask`);
		if (lastText) await seeding.until(`(${shown})(${JSON.stringify(lastText)})`);
		await seeding.run(idle, 15_000);
		await seeding.close();
		const tab = await bare.open();
		const opened = await tab.measure(async () => {
			await tab.goto(`${app}/ask`);
			await tab.until(`!!document.querySelector('textarea')`);
			if (lastText) await tab.until(`(${shown})(${JSON.stringify(lastText)})`);
			await tab.run(idle, 15_000);
		});
		return { tab, opened };
	};
	const out = {};
	// The connection, saved in this browser's profile (a fresh one: see below).
	const connecting = await bare.open();
	await connectApp(connecting, app, streams.url);
	await connecting.close();
	// The floor: a fresh tab loading a page that draws nothing (the bare stream reader's), the
	// browser's own cost of starting a page, which no app can go under.
	const blank = await bare.open();
	const blankOpened = await blank.measure(async () => {
		await blank.goto(`${streams.url}/bare.html`);
		await blank.until('typeof window.run === "function"');
		await blank.run(idle, 15_000);
	});
	out.blankPageMs = blankOpened.mainMs;
	out.blankPageCpuMs = blankOpened.cpuMs;
	await blank.close();
	const empty = await openAsk([], '');
	out.emptyProfileMs = empty.opened.mainMs;
	out.emptyProfileCpuMs = empty.opened.cpuMs;
	await empty.tab.close();

	const big = largeConversation(500);
	const small = {
		...largeConversation(2),
		id: 'small',
		title: 'Small one',
		updatedAt: big.updatedAt - 1
	};
	const withBig = await openAsk([big, small], 'THE-END of message 499');
	const tab = withBig.tab;
	out.open500AfterReloadMs = withBig.opened.mainMs;
	out.open500AfterReloadCpuMs = withBig.opened.cpuMs;
	out.open500LongTasks = withBig.opened.longTasks;
	out.open500MaxLongMs = withBig.opened.maxLongMs;
	out.heapAfterOpen500Mb = await tab.heapMb();
	const scrolled = await tab.measure(async () => {
		for (let i = 0; i < 40; i++) {
			await tab.run(scrollUpStep);
		}
	});
	out.scroll500LongTasks = scrolled.longTasks;
	out.scroll500MaxLongMs = scrolled.maxLongMs;
	await tab.clickFound(entry('Small one'));
	await tab.until(`(${shown})('THE-END of message 1')`);
	await tab.run(idle, 15_000);
	const switched = await tab.measure(async () => {
		await tab.clickFound(entry(big.title));
		await tab.until(`(${shown})('THE-END of message 499')`);
		await tab.run(idle, 15_000);
	});
	out.switchTo500Ms = switched.mainMs;
	out.switchTo500CpuMs = switched.cpuMs;
	out.switchTo500MaxLongMs = switched.maxLongMs;

	// Importing the same 500 messages as a file.
	// A file on disk, as a user picks one: handed to the page by path, not decoded inside it.
	const file = join(tmpdir(), 'cerulean-bench-import.json');
	await writeFile(
		file,
		// Its own text, so nothing drawn for the open conversation is reused.
		exportFile({
			...big,
			id: 'imported',
			messages: big.messages.map((m) => ({ ...m, content: `${m.content} (imported)` }))
		})
	);
	const imported = await tab.measure(async () => {
		await tab.setFile('input[type="file"][accept*="json"]', file);
		await tab.until(`(${shown})('THE-END of message 499 (imported)')`);
		await tab.run(idle, 15_000);
	});
	out.import500Ms = imported.mainMs;
	out.import500CpuMs = imported.cpuMs;
	out.import500MaxLongMs = imported.maxLongMs;
	await tab.close();

	const many = await openAsk(manyConversations(1000), 'THE-END of message 5');
	out.usableWith1000Ms = many.opened.mainMs;
	out.usableWith1000CpuMs = many.opened.cpuMs;
	out.usableWith1000MaxLongMs = many.opened.maxLongMs;
	await many.tab.close();
	return out;
}

/**
 * The history cases over several runs: each time its median, each long-task figure its worst,
 * and in how many runs each case had a long task.
 * @param {Record<string, number>[]} runs
 */
function middleOf(runs) {
	/** @type {Record<string, number>} */
	const out = { runs: runs.length };
	for (const key of Object.keys(runs[0] ?? {})) {
		const values = runs.map((r) => r[key] ?? 0).sort((a, b) => a - b);
		out[key] = /LongTasks$|MaxLongMs$/.test(key)
			? (values.at(-1) ?? 0)
			: (values[Math.floor(values.length / 2)] ?? 0);
		if (/MaxLongMs$/.test(key))
			out[key.replace(/MaxLongMs$/, 'RunsWithLong')] = values.filter((v) => v > 0).length;
	}
	return out;
}

/**
 * The run with the median main-thread time (the upper middle of an even count).
 * @template {{ mainMs: number }} T @param {T[]} runs @returns {T}
 */
function medianRun(runs) {
	const sorted = [...runs].sort((a, b) => a.mainMs - b.mainMs);
	return /** @type {T} */ (sorted[Math.floor(sorted.length / 2)]);
}

/** @param {Record<string, any>} r */
function printTable(r) {
	const f = (/** @type {number | undefined} */ ms) =>
		ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`;
	console.log(
		`\nMachine: ${r.machine.cpus} × ${r.machine.model}, load average ${r.machine.loadBefore.map((n) => n.toFixed(2)).join(' ')} → ${r.machine.loadAfter.map((n) => n.toFixed(2)).join(' ')}`
	);
	if (r.firstLoadKb) {
		console.log(
			'\nFirst load, JS + CSS gzip (budget 80 KB): ' +
				Object.entries(r.firstLoadKb)
					.map(([p, kb]) => `${p} ${kb} KB`)
					.join(', ')
		);
	}
	if (r.streaming) {
		console.log(
			'\n| stream | Cerulean main thread (on the CPU), range | busy | tasks ≥ 50 ms (max) | bare fetch + parse (on the CPU), range | Cerulean ÷ bare | baseline (whole re-render) |'
		);
		console.log('|---|---|---|---|---|---|---|');
		for (const row of r.streaming) {
			const b = row.baseline;
			const baseline = b
				? `${f(b.mainMs)}, ${b.longTasks} long tasks (max ${b.maxLongMs} ms)${b.finished ? '' : `, cut at ${BASELINE_LIMIT_MS / 1000} s with ${b.shownPercent}% shown`}`
				: '–';
			/** A side's median run, and the range of its runs when there were several. */
			const cell = (/** @type {{ mainMs: number, cpuMs: number, mainMsEach?: number[] }} */ m) =>
				`${f(m.mainMs)} (${f(m.cpuMs)})${m.mainMsEach ? `, ${f(Math.min(...m.mainMsEach)).replace(' s', '')}–${f(Math.max(...m.mainMsEach))}` : ''}`;
			console.log(
				`| ${row.case} | ${cell(row.cerulean)} | ${row.cerulean.busyPercent}% | ${row.cerulean.longTasks} (${row.cerulean.maxLongMs} ms) | ${cell(row.bare)} | ${row.ratioToBare}×${row.runs > 1 ? ` (medians of ${row.runs})` : ''} | ${baseline} |`
			);
		}
		const heap = r.streaming.find((/** @type {any} */ row) => row.cerulean.heapMb)?.cerulean.heapMb;
		if (heap) console.log(`\nJS heap after the 20k reply: ${heap} MB`);
	}
	if (r.storageWhileStreaming) {
		const s = r.storageWhileStreaming;
		console.log(
			`IndexedDB while streaming 5k tokens for ${s.seconds} s: the reply alone ${s.draftWritesPerSecond} times a second (largest ${s.largestDraftKb} KB); ${s.writes} writes in all (${Object.entries(
				s.byStore
			)
				.map(([db, n]) => `${n} to ${db}`)
				.join(', ')}), the largest ${s.largestWriteKb} KB, ${s.totalKb} KB in all`
		);
	}
	if (r.history) {
		const h = r.history;
		const runs = h.runs ? `, median of ${h.runs} runs` : '';
		/** The worst run's long tasks, and in how many runs there were any. @param {string} c */
		const long = (c) =>
			`${h[`${c}LongTasks`] !== undefined ? `${h[`${c}LongTasks`]}, ` : ''}${h[`${c}MaxLongMs`]} ms${h.runs && h[`${c}MaxLongMs`] ? ` (in ${h[`${c}RunsWithLong`]} of ${h.runs} runs)` : ''}`;
		console.log(
			`\n| history | main thread${runs} (on the CPU) | tasks ≥ 50 ms, max |\n|---|---|---|`
		);
		console.log(
			`| a page that draws nothing, fresh load (the browser's floor) | ${f(h.blankPageMs)} (${f(h.blankPageCpuMs)}) | |`
		);
		console.log(
			`| Ask with nothing stored, fresh load | ${f(h.emptyProfileMs)} (${f(h.emptyProfileCpuMs)}) | |`
		);
		console.log(
			`| 500-message conversation, fresh load | ${f(h.open500AfterReloadMs)} (${f(h.open500AfterReloadCpuMs)}); ${f(h.open500AfterReloadMs - h.emptyProfileMs)} (${f(h.open500AfterReloadCpuMs - h.emptyProfileCpuMs)}) beyond empty | ${long('open500')} |`
		);
		console.log(
			`| switching to it from the list | ${f(h.switchTo500Ms)} (${f(h.switchTo500CpuMs)}) | ${long('switchTo500')} |`
		);
		console.log(`| scrolling it to the top | | ${long('scroll500')} |`);
		console.log(
			`| importing it as a file | ${f(h.import500Ms)} (${f(h.import500CpuMs)}) | ${long('import500')} |`
		);
		console.log(
			`| Ask with 1,000 conversations, fresh load | ${f(h.usableWith1000Ms)} (${f(h.usableWith1000CpuMs)}) | ${long('usableWith1000')} |`
		);
		console.log(`JS heap with the 500-message conversation open: ${h.heapAfterOpen500Mb} MB`);
	}
	if (r.longAudio) {
		const a = r.longAudio;
		console.log(
			`\nLong audio: ${a.minutes} min of ${a.input} (${a.inputMb} MB) decoded, made 16 kHz mono and cut into ${a.parts} parts in ${f(a.preparedMs)}, ${a.preparedPerHourS} s per hour of audio; sent and stitched in ${f(a.totalMs)} in all (local emulator); the page's own thread ${f(a.mainThreadMs)}, ${a.longTasks} tasks ≥ 50 ms (max ${a.maxLongMs} ms).`
		);
	}
}
