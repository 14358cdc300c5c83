import type { Connection } from '$lib/model/settings';
import { AzureError } from './errors';

/**
 * Where a request gets a token that is good now. Signed in with Microsoft, the token expires
 * within the hour and is renewed before it does (see src/lib/auth/msal.ts); a pasted key or token
 * is used as it is. Kept apart from the sign-in code, so that code loads only when used.
 *
 * The source answers undefined for a connection it does not sign in for.
 */
type TokenSource = (connection: Connection, renew: boolean) => Promise<Connection | undefined>;

let source: TokenSource | undefined;

/** The sign-in code installs its source once loaded (it answers undefined while signed out). */
export function useTokenSource(next: TokenSource | undefined): void {
	source = next;
}

/**
 * Runs a request with a token that is good now. When the service still says 401 (a token revoked,
 * or a clock that is off), a new token is asked for and the request runs once more.
 */
export async function withToken<T>(
	connection: Connection,
	run: (connection: Connection) => Promise<T>
): Promise<T> {
	if (!source) return run(connection);
	const current = await source(connection, false);
	if (!current) return run(connection);
	try {
		return await run(current);
	} catch (error) {
		if (!(error instanceof AzureError) || error.kind !== 'unauthorized') throw error;
		const renewed = await source(connection, true);
		if (!renewed || renewed.token === current.token) throw error;
		return run(renewed);
	}
}
