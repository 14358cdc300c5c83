// @ts-check
// A local OpenID Connect server standing in for Microsoft Entra ID in tests: oauth2-mock-server
// over https (MSAL refuses a plain-http sign-in host), with a certificate made for the run. It signs
// real tokens; the emulator checks them against its keys (emulator.trustIssuer).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, OAuth2Server } from 'oauth2-mock-server';
import { AUDIENCE } from './emulator/routes.js';

export const TENANT = 'contoso.example';
export const CLIENT_ID = '3f1c9a52-7d4e-4b8a-9c61-2e5f0d8b7a14';
export const ACCOUNT = { name: 'Ada Lovelace', username: 'ada@contoso.example' };

/**
 * Starts the server on a free port of 127.0.0.1. Access tokens last `lifetime` seconds (Entra ID's
 * last about an hour); `grants` lists the token requests made, by grant type.
 */
export async function startOidc() {
	const dir = mkdtempSync(join(tmpdir(), 'cerulean-oidc-'));
	const key = join(dir, 'key.pem');
	const cert = join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		// prettier-ignore
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
			'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
		{ stdio: 'ignore' }
	);
	// Entra ID's discovery document sits under the tenant: https://host/<tenant>/.well-known/…
	const server = new OAuth2Server(key, cert, {
		endpoints: { wellKnownDocument: `/${TENANT}/.well-known/openid-configuration` }
	});
	await server.issuer.keys.generate('RS256');
	await server.start(0, '127.0.0.1');
	rmSync(dir, { recursive: true, force: true });
	const url = server.issuer.url ?? '';
	let lifetime = 3600;
	/** @type {string[]} */
	const grants = [];

	server.service.on(Events.BeforeTokenSigning, (token) => {
		const now = Math.floor(Date.now() / 1000);
		if ('scope' in token.payload) {
			// An access token, as Entra ID issues them for Azure AI services.
			Object.assign(token.payload, { aud: AUDIENCE, exp: now + lifetime, name: ACCOUNT.name });
		} else {
			// The ID token: who signed in.
			Object.assign(token.payload, {
				name: ACCOUNT.name,
				preferred_username: ACCOUNT.username,
				oid: '8d2e6f10-4c3b-4a59-b7e8-1f0a9c2d3e4b',
				tid: '72f988bf-86f1-41af-91ab-2d7cd011db47'
			});
		}
	});
	server.service.on(Events.BeforeResponse, (response, req) => {
		grants.push(String(req.body.grant_type));
		if (response.statusCode === 200) response.body.expires_in = lifetime;
	});

	return {
		/** The sign-in host to type into Settings. */
		url,
		tenant: TENANT,
		clientId: CLIENT_ID,
		grants,
		/** What the emulator trusts. */
		issuer: () => ({
			url,
			keys: { keys: /** @type {import('jose').JWK[]} */ (server.issuer.keys.toJSON()) }
		}),
		/** How long the next access tokens last, in seconds. @param {number} seconds */
		setLifetime(seconds) {
			lifetime = seconds;
		},
		close: () => server.stop()
	};
}
