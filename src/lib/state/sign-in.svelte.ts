import { AzureError } from '$lib/azure/errors';
import { useTokenSource } from '$lib/azure/token-source';
import { SignInClient, signInProblem, type Account } from '$lib/auth/msal';
import { signInKey, type SignInConfig } from '$lib/model/settings';
import { settings, signIn } from './settings.svelte';

/**
 * Signing in with Microsoft: the token source every request asks (see token-source.ts), finding
 * the account signed in on this device, signing in and out. Loaded, with MSAL (src/lib/auth/msal.ts),
 * only when a connection signs in or Settings is about to; what every page shows of it is `signIn`
 * in settings.svelte.ts.
 */

/** The app registration signed in with (one at a time), and its MSAL client. */
let client: { key: string; ready: Promise<SignInClient> } | undefined;

/** The MSAL client for an app registration, made once. */
function clientFor(config: SignInConfig): Promise<SignInClient> {
	const key = signInKey(config);
	if (client?.key !== key) {
		client = { key, ready: SignInClient.create(config) };
		client.ready.catch(() => (client = undefined));
	}
	return client.ready;
}

function accept(account: Account, token: string, config: SignInConfig): void {
	signIn.status = 'signed-in';
	signIn.account = account;
	signIn.problem = undefined;
	settings.useSignedInToken(token, config);
}

function forget(status: 'off' | 'expired', problem?: string): void {
	signIn.status = status;
	signIn.problem = problem;
	if (status === 'off') signIn.account = undefined;
	settings.useSignedInToken(undefined);
}

/** The sign-in of the connection this page uses, when it signs in with Microsoft. */
function savedConfig(): SignInConfig | undefined {
	const saved = settings.current;
	return saved?.auth === 'entra' ? saved.signIn : undefined;
}

useTokenSource(async (connection, renew) => {
	// The saved connection the request is for, when it signs in with the registration signed in.
	const config = settings.all.find(
		(saved) => saved.auth === 'entra' && saved.signIn && saved.endpoint === connection.endpoint
	)?.signIn;
	if (!config || connection.auth !== 'entra' || signIn.status !== 'signed-in') return undefined;
	if (client?.key !== signInKey(config)) return undefined;
	try {
		const fresh = await (await clientFor(config)).token(renew);
		accept(fresh.account, fresh.token, config);
		return { ...connection, token: fresh.token };
	} catch (error) {
		const problem = signInProblem(error);
		forget('expired', problem);
		throw new AzureError({ kind: 'unauthorized', message: problem });
	}
});

/** At start: the account this device is signed in with, or the end of a sign-in that left the page. */
export async function restoreSignIn(): Promise<void> {
	const config = savedConfig();
	if (!config || signIn.status !== 'off') return;
	signIn.status = 'restoring';
	try {
		const restored = await (await clientFor(config)).restore();
		if (restored) accept(restored.account, restored.token, config);
		else forget('off');
	} catch (error) {
		forget('expired', signInProblem(error));
	}
}

/** Signs in with the saved connection's app registration (Settings saves it first). */
export async function startSignIn(): Promise<void> {
	const config = savedConfig();
	if (!config) return;
	signIn.status = 'signing-in';
	signIn.problem = undefined;
	try {
		const done = await (await clientFor(config)).signIn();
		// Undefined: the browser blocked the window and this tab is going to Microsoft instead.
		if (done) accept(done.account, done.token, config);
	} catch (error) {
		forget(signIn.account ? 'expired' : 'off', signInProblem(error));
	}
}

/** Forgets the account on this device; a pasted token, if any, is used again. */
export async function signOut(): Promise<void> {
	const config = savedConfig();
	if (config) await (await clientFor(config)).signOut().catch(() => undefined);
	forget('off');
}

/** Loads MSAL ahead of a click on Sign in, so the sign-in window opens at once. */
export function prepareSignIn(config: SignInConfig): void {
	void clientFor(config).catch(() => undefined);
}

/**
 * For Clear all data: signs out, then drops whatever else MSAL keeps in this browser (its
 * `msal.` entries in local and session storage, and the session cookie that encrypts them).
 */
export async function forgetSignIn(): Promise<void> {
	await signOut();
	for (const storage of [localStorage, sessionStorage]) {
		for (const key of Object.keys(storage)) if (key.startsWith('msal.')) storage.removeItem(key);
	}
	document.cookie = 'msal.cache.encryption=; Max-Age=0; path=/';
}
