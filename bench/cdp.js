// @ts-check
// Debian's Chromium driven over a bare DevTools pipe, for the stream and history figures.
// Playwright turns on the DevTools Network domain in every page and worker it drives, and that
// reports each piece of a response body as it arrives: for a stream read in a Web Worker, it alone
// cost the page's main thread 0.7 s on a 40 s stream (a worker reading that stream with nothing
// attached costs it 16 ms), which no user's browser pays. This driver turns on nothing but what it
// measures with.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../tests/chromium.js';
import { idle } from './reply.js';

/** @typedef {{ id?: number, method?: string, params?: any, result?: any, error?: any, sessionId?: string }} Message */

/** Page script run before a page's own: every task of 50 ms or more, as the page itself sees it. */
export const LONG_TASKS = `window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

/**
 * Main-thread time, long tasks and heap of one page, through any DevTools session to it (this
 * driver's, or Playwright's for the parts still measured under it). The page must run LONG_TASKS
 * first and have the Performance domain on.
 * @param {(method: string, params?: object) => Promise<any>} call
 * @param {(expression: string) => Promise<any>} evaluate
 */
export function measuring(call, evaluate) {
	/**
	 * The main thread's time in tasks (wall clock) and on the CPU, in seconds, so far. On two cores
	 * shared with the browser's other processes, a task's wall clock also counts the time its thread
	 * waited for a core: the CPU figure is the steadier of the two run to run.
	 */
	const seconds = async () => {
		const { metrics } = /** @type {{ metrics: { name: string, value: number }[] }} */ (
			await call('Performance.getMetrics')
		);
		const metric = (/** @type {string} */ name) => metrics.find((m) => m.name === name)?.value ?? 0;
		return { task: metric('TaskDuration'), cpu: metric('ThreadTime') };
	};
	return {
		/** Main-thread time and long tasks while `work` runs. @template T @param {() => Promise<T>} work */
		async measure(work) {
			await evaluate('window.__longTasks = []');
			const before = await seconds();
			const result = await work();
			const after = await seconds();
			const mainMs = Math.round((after.task - before.task) * 1000);
			const cpuMs = Math.round((after.cpu - before.cpu) * 1000);
			/** @type {number[]} */
			const long = await evaluate('window.__longTasks');
			return {
				mainMs,
				cpuMs,
				longTasks: long.length,
				maxLongMs: Math.round(Math.max(0, ...long)),
				result
			};
		},
		/** The JS heap in use after a full collection, in MB. */
		async heapMb() {
			await call('HeapProfiler.collectGarbage');
			const { usedSize } = await call('Runtime.getHeapUsage');
			return Math.round((usedSize / 1048576) * 10) / 10;
		}
	};
}

/** Starts Chromium headless with a DevTools pipe; `open` gives a page to drive. */
export async function launchBare() {
	const profile = await mkdtemp(join(tmpdir(), 'cerulean-bench-'));
	const child = spawn(
		/** @type {string} */ (chromiumLaunchOptions.executablePath),
		[
			'--headless',
			...chromiumLaunchOptions.args,
			'--remote-debugging-pipe',
			'--window-size=1280,900',
			`--user-data-dir=${profile}`,
			'about:blank'
		],
		{ stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] }
	);
	const toBrowser = /** @type {import('node:stream').Writable} */ (child.stdio[3]);
	const fromBrowser = /** @type {import('node:stream').Readable} */ (child.stdio[4]);
	let next = 0;
	/** @type {Map<number, (message: Message) => void>} */
	const waiting = new Map();
	/** @type {Set<(message: Message) => void>} */
	const listeners = new Set();
	let pending = '';
	// The pipe is reset when the browser exits: that is the end of it, not an error.
	fromBrowser.on('error', () => undefined);
	toBrowser.on('error', () => undefined);
	fromBrowser.setEncoding('utf8');
	fromBrowser.on('data', (/** @type {string} */ data) => {
		pending += data;
		for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
			const message = /** @type {Message} */ (JSON.parse(pending.slice(0, end)));
			pending = pending.slice(end + 1);
			const answer = message.id === undefined ? undefined : waiting.get(message.id);
			if (answer && message.id !== undefined) {
				waiting.delete(message.id);
				answer(message);
			} else for (const listener of listeners) listener(message);
		}
	});
	/** @param {string} method @param {object} [params] @param {string} [sessionId] @returns {Promise<any>} */
	const send = (method, params = {}, sessionId) =>
		new Promise((resolve, reject) => {
			const id = ++next;
			waiting.set(id, (m) =>
				m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)
			);
			toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
		});

	return {
		/** A new tab; everything it measures with is turned on here and nowhere else. */
		async open() {
			const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
			const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
			/** @param {string} method @param {object} [params] */
			const call = (method, params) => send(method, params, sessionId);
			await call('Page.enable');
			await call('Performance.enable');
			await call('Page.addScriptToEvaluateOnNewDocument', { source: LONG_TASKS });
			return bareTab(call, listeners, sessionId, () => send('Target.closeTarget', { targetId }));
		},
		/**
		 * A Chromium trace of everything while `work` runs (bench/profile.js --trace).
		 * @template T @param {string[]} categories @param {() => Promise<T>} work
		 * @returns {Promise<{ events: any[], result: T }>}
		 */
		async trace(categories, work) {
			/** @type {any[]} */
			const events = [];
			/** @type {(message: Message) => void} */
			let collect = () => undefined;
			const complete = new Promise((resolve) => {
				collect = (m) => {
					if (m.method === 'Tracing.dataCollected') events.push(...m.params.value);
					if (m.method === 'Tracing.tracingComplete') resolve(undefined);
				};
				listeners.add(collect);
			});
			await send('Tracing.start', {
				traceConfig: { includedCategories: categories },
				transferMode: 'ReportEvents'
			});
			const result = await work();
			await send('Tracing.end');
			await complete;
			listeners.delete(collect);
			return { events, result };
		},
		async close() {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			// The answer may never come: the pipe closes with the browser.
			void send('Browser.close').catch(() => undefined);
			const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(killer);
			await rm(profile, { recursive: true, force: true, maxRetries: 3 });
		}
	};
}

/**
 * A tab driven by page script: fields found by their label, buttons by their name.
 * @param {(method: string, params?: object) => Promise<any>} call
 * @param {Set<(message: Message) => void>} listeners @param {string} sessionId
 * @param {() => Promise<unknown>} close
 */
function bareTab(call, listeners, sessionId, close) {
	/** @param {string} expression @returns {Promise<any>} */
	const evaluate = async (expression) => {
		const { result, exceptionDetails } = await call('Runtime.evaluate', {
			expression,
			awaitPromise: true,
			returnByValue: true
		});
		if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? expression);
		return result.value;
	};
	/** Page script that finds a control: a label's control (the label is the name, or starts with it), else an element of that accessible name. */
	const find = `(name) => {
		const labels = [...document.querySelectorAll('label')];
		const label = labels.find((l) => l.textContent.trim() === name) ?? labels.find((l) => l.textContent.trim().startsWith(name + ' '));
		return label?.control ?? [...document.querySelectorAll('button, a, [aria-label]')].find(
			(el) => el.getAttribute('aria-label') === name || (!el.hasAttribute('aria-label') && el.textContent.trim() === name)
		);
	}`;
	/** Waits until `expression` is truthy, checking twice a second (a light poll, measured with the page). @param {string} expression */
	const until = async (expression, timeout = 60_000) => {
		const end = Date.now() + timeout;
		while (!(await evaluate(expression))) {
			if (Date.now() > end) throw new Error(`Timed out waiting for ${expression}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	};
	/** The centre of the element an expression finds, once it finds one, scrolled into view. @param {string} element */
	const centre = async (element) => {
		await until(`!!(${element})`);
		return evaluate(`(() => {
			const el = ${element};
			el.scrollIntoView({ block: 'center' });
			const r = el.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
		})()`);
	};
	return {
		evaluate,
		/** A DevTools method on this tab (the profiler, for bench/profile.js). */
		call,
		/** Makes this the tab in front, the one Chromium draws every frame of. */
		front: () => call('Page.bringToFront'),
		/** @param {string} url */
		async goto(url) {
			const loaded = new Promise((resolve) => {
				/** @param {Message} m */
				const listener = (m) => {
					if (m.sessionId === sessionId && m.method === 'Page.loadEventFired') {
						listeners.delete(listener);
						resolve(undefined);
					}
				};
				listeners.add(listener);
			});
			await call('Page.navigate', { url });
			await loaded;
		},
		until,
		/**
		 * Waits until the app's offline copy is installed, then for the page to be idle: a first
		 * visit downloads it (some 130 files) in a service worker, which would otherwise run beside
		 * whatever is measured next. Every later visit starts with it installed.
		 */
		async offlineReady() {
			await this.until(
				`navigator.serviceWorker.getRegistration().then((r) => !!r?.active)`,
				120_000
			);
			await this.run(idle, 15_000);
		},
		/** Types `value` into the field labelled `name`, as input events, the field focused as typing leaves it. @param {string} name @param {string} value */
		async fill(name, value) {
			await this.until(`!!(${find})(${JSON.stringify(name)})`);
			await evaluate(`(() => {
				const field = (${find})(${JSON.stringify(name)});
				field.focus();
				const proto = Object.getPrototypeOf(field);
				Object.getOwnPropertyDescriptor(proto, 'value').set.call(field, ${JSON.stringify(value)});
				field.dispatchEvent(new Event('input', { bubbles: true }));
			})()`);
		},
		/** Clicks the button or link named `name`, as a user's click. @param {string} name */
		async click(name) {
			await this.clickFound(`(${find})(${JSON.stringify(name)})`);
		},
		/**
		 * Moves the pointer over the button or link named `name`, as a user's hand does before a
		 * click: a click measured after it counts what the click does, not the pointer's arrival.
		 * @param {string} name
		 */
		async hover(name) {
			const box = await centre(`(${find})(${JSON.stringify(name)})`);
			await call('Input.dispatchMouseEvent', { type: 'mouseMoved', ...box });
		},
		/** Clicks the element an expression finds, once it finds one. @param {string} element */
		async clickFound(element) {
			const box = await centre(element);
			for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
				await call('Input.dispatchMouseEvent', { type, ...box, button: 'left', clickCount: 1 });
			}
		},
		/**
		 * Runs a page script with these arguments (plain data), as Playwright's evaluate does.
		 * @param {(...args: any[]) => unknown} script @param {...unknown} args
		 */
		run: (script, ...args) =>
			evaluate(`(${script})(${args.map((a) => JSON.stringify(a)).join(', ')})`),
		/** Hands a file on disk to the file input `selector` matches, as a user's pick does. @param {string} selector @param {string} path */
		async setFile(selector, path) {
			const { root } = await call('DOM.getDocument', { depth: 0 });
			const { nodeId } = await call('DOM.querySelector', { nodeId: root.nodeId, selector });
			await call('DOM.setFileInputFiles', { files: [path], nodeId });
			// The DOM domain follows every change to the nodes it has handed out: off again.
			await call('DOM.disable');
		},
		...measuring(call, evaluate),
		close
	};
}
