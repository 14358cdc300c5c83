// @ts-check
// `npm run emulator`: a local Azure OpenAI stand-in for trying and demoing Cerulean offline.
import { createEmulator, DEPLOYMENTS } from './server.js';

const port = Number(process.env.EMULATOR_PORT ?? 4010);
const emulator = await createEmulator({
	port,
	tokenDelayMs: Number(process.env.EMULATOR_TOKEN_DELAY_MS ?? 25),
	log: true
});

console.log(`
Cerulean emulator: a local stand-in for an Azure OpenAI resource.

In Cerulean's Settings, enter:
  Endpoint         ${emulator.url}
  Authentication   API key
  Token            ${emulator.key}
  (or Microsoft Entra ID with the token ${emulator.entraToken})

Deployments (use these as Model):
${Object.entries(DEPLOYMENTS)
	.map(([name, d]) => `  ${name.padEnd(18)} ${d.kind.padEnd(14)} ${d.model}`)
	.join('\n')}

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
