// @ts-check
// `npm run emulator`: a local Azure OpenAI stand-in for trying and demoing Cerulean offline.
//   --quotas        enforce realistic requests-a-minute quotas per deployment (EMULATOR_QUOTAS=1)
//   --async-filter  stream as a deployment with the Asynchronous Filter does (EMULATOR_ASYNC_FILTER=1)
import { createEmulator, DEPLOYMENTS } from './server.js';

const flag = (/** @type {string} */ name, /** @type {string} */ env) =>
	process.argv.includes(`--${name}`) || /^(1|true|on)$/i.test(process.env[env] ?? '');

const port = Number(process.env.EMULATOR_PORT ?? 4010);
const quotas = flag('quotas', 'EMULATOR_QUOTAS');
const asyncFilter = flag('async-filter', 'EMULATOR_ASYNC_FILTER');
const emulator = await createEmulator({
	port,
	tokenDelayMs: Number(process.env.EMULATOR_TOKEN_DELAY_MS ?? 25),
	log: true,
	quotas,
	asyncFilter
});

const describe = (/** @type {import('./deployments.js').Deployment} */ d) =>
	d.kind === 'chat'
		? `${d.model}${d.reasoning ? ' (reasoning)' : ''}, ${d.context.toLocaleString('en')}-token context`
		: d.model;

console.log(`
Cerulean emulator: a local stand-in for an Azure OpenAI resource.

In Cerulean's Settings, enter:
  Endpoint         ${emulator.url}
  Authentication   API key
  Token            ${emulator.key}
  (or Microsoft Entra ID with the token ${emulator.entraToken})

Deployments (use these as Model):
${Object.entries(DEPLOYMENTS)
	.map(
		([name, d]) =>
			`  ${name.padEnd(18)} ${d.kind.padEnd(14)} ${describe(d)}${quotas ? `, ${d.rpm} requests a minute` : ''}`
	)
	.join('\n')}

Quotas: ${quotas ? 'on' : 'off (--quotas switches them on)'}. Content filter: ${asyncFilter ? 'asynchronous' : 'default (--async-filter for asynchronous)'}.

Make the next request fail, e.g.:
  curl -X POST ${emulator.url}/__emulator/fail -d '{"kind":"rate-limit","retryAfter":5}'
  kinds: unauthorized, deployment-not-found, rate-limit, content-filter, server-error,
         service-unavailable, bad-request, network, drop, slow, malformed, hang

Press Ctrl+C to stop.
`);

const stop = async () => {
	await emulator.close();
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
