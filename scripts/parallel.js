// @ts-check
// `node scripts/parallel.js check lint test:unit`: runs these npm scripts at once (they use
// different cores for a good part of their time), then prints each one's output whole, in the order
// given, and fails when any of them failed. Used by `npm test` to save CI a minute.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
const runs = names.map(
	(name) =>
		/** @type {Promise<{ name: string, code: number, output: string, seconds: number }>} */ (
			new Promise((resolve) => {
				const started = Date.now();
				const child = spawn('npm', ['run', '--silent', name], {
					env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
					stdio: ['ignore', 'pipe', 'pipe']
				});
				let output = '';
				child.stdout.on('data', (chunk) => (output += chunk));
				child.stderr.on('data', (chunk) => (output += chunk));
				child.on('close', (code) =>
					resolve({ name, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 })
				);
			})
		)
);

let failed = false;
for (const run of runs) {
	const { name, code, output, seconds } = await run;
	console.log(
		`\n── npm run ${name} (${seconds.toFixed(1)} s) ${'─'.repeat(40)}\n${output.trimEnd()}`
	);
	if (code !== 0) {
		console.log(`npm run ${name} failed (exit ${code}).`);
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
