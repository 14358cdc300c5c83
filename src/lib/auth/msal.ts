// Signing in with Microsoft Entra ID through MSAL (@azure/msal-browser), loaded only when a
// connection signs in. See https://learn.microsoft.com/entra/msal/javascript/browser/ and the
// README's "Sign in with Microsoft" section for the app registration it needs.
import {
	BrowserAuthError,
	InteractionRequiredAuthError,
	createStandardPublicClientApplication,
	type AccountInfo,
	type AuthenticationResult,
	type IPublicClientApplication
} from '@azure/msal-browser';
import { base } from '$app/paths';
import { ENTRA_AUTHORITY, signInHost, type SignInConfig } from '$lib/model/settings';

/** Who is signed in, as the header and Settings show it. */
export interface Account {
	name: string;
	username: string;
}

export interface SignedIn {
	account: Account;
	token: string;
	/** When the token expires, in ms since the epoch. */
	expiresOn: number;
}

/** The one scope Azure OpenAI takes: a token for Azure AI services. */
const SCOPES = ['https://cognitiveservices.azure.com/.default'];

/** The authority URL for the config: `https://login.microsoftonline.com/<tenant>` by default. */
export function authorityUrl(config: SignInConfig): string {
	return `${signInHost(config).replace(/\/+$/, '')}/${encodeURIComponent(config.tenant)}`;
}

/** Where the sign-in window comes back to: the page that hands its answer to this one. */
function redirectUri(): string {
	return new URL(`${base}/signed-in`, location.origin).href;
}

function accountOf(info: AccountInfo): Account {
	return { name: info.name || info.username, username: info.username };
}

function signedIn(result: AuthenticationResult): SignedIn {
	return {
		account: accountOf(result.account),
		token: result.accessToken,
		expiresOn: result.expiresOn?.getTime() ?? Date.now()
	};
}

/** Why signing in did not work, in words, with what to do next. */
export function signInProblem(error: unknown): string {
	if (error instanceof BrowserAuthError) {
		switch (error.errorCode) {
			case 'user_cancelled':
				return 'The sign-in window was closed before signing in finished. Sign in again.';
			case 'popup_window_error':
			case 'empty_window_error':
				return 'The browser blocked the sign-in window. Allow pop-ups for this site, or sign in again to go to Microsoft in this tab.';
			case 'timed_out':
				return 'Signing in took too long. Sign in again.';
		}
	}
	if (error instanceof InteractionRequiredAuthError) {
		return 'Your Microsoft sign-in has expired. Sign in again in Settings.';
	}
	const text = error instanceof Error ? error.message : String(error);
	if (/AADSTS50011|redirect_uri/i.test(text)) {
		return `The app registration does not list Cerulean's sign-in page as a redirect URI. In the Azure portal, add ${redirectUri()} as a Single-page application redirect URI. (${text})`;
	}
	if (/AADSTS700016|AADSTS90002|not found in the directory|tenant/i.test(text)) {
		return `Microsoft did not recognise the tenant or client ID: check both against the app registration's Overview page. (${text})`;
	}
	return `Signing in did not work: ${text}`;
}

/** One signed-in app registration: sign in, renew silently, sign out. */
export class SignInClient {
	readonly #app: IPublicClientApplication;

	private constructor(app: IPublicClientApplication) {
		this.#app = app;
	}

	static async create(config: SignInConfig): Promise<SignInClient> {
		const authority = authorityUrl(config);
		const microsoft = new URL(authority).origin === ENTRA_AUTHORITY;
		const app = await createStandardPublicClientApplication({
			auth: {
				clientId: config.clientId,
				authority,
				// Entra ID is known to MSAL; any other OpenID Connect server must be named.
				knownAuthorities: microsoft ? [] : [new URL(authority).host],
				redirectUri: redirectUri()
			},
			// Signed in across reloads and tabs, as a remembered key is.
			cache: { cacheLocation: 'localStorage' },
			system: microsoft ? {} : { protocolMode: 'OIDC' }
		});
		return new SignInClient(app);
	}

	/** The account signed in on this device, if any (after finishing a sign-in that left the page). */
	restore = async (): Promise<SignedIn | undefined> => {
		const redirected = await this.#app.handleRedirectPromise();
		if (redirected) {
			this.#app.setActiveAccount(redirected.account);
			return signedIn(redirected);
		}
		if (!this.#account()) return undefined;
		return this.token(false);
	};

	/** Opens Microsoft's sign-in window; when the browser blocks it, goes there in this tab instead. */
	signIn = async (): Promise<SignedIn | undefined> => {
		try {
			const result = await this.#app.loginPopup({ scopes: SCOPES, prompt: 'select_account' });
			this.#app.setActiveAccount(result.account);
			return signedIn(result);
		} catch (error) {
			const blocked = ['popup_window_error', 'empty_window_error'];
			if (error instanceof BrowserAuthError && blocked.includes(error.errorCode)) {
				await this.#app.loginRedirect({ scopes: SCOPES, redirectStartPage: location.href });
				return undefined;
			}
			throw error;
		}
	};

	/** A token that is good now: the cached one, or one renewed with the refresh token. */
	token = async (renew: boolean): Promise<SignedIn> => {
		const account = this.#account();
		if (!account) throw new InteractionRequiredAuthError('no_account', 'Not signed in.');
		const result = await this.#app.acquireTokenSilent({
			scopes: SCOPES,
			account,
			forceRefresh: renew
		});
		return signedIn(result);
	};

	/** Forgets the account and its tokens on this device. */
	signOut = async (): Promise<void> => {
		const account = this.#account();
		await this.#app.clearCache(account ? { account } : undefined);
		this.#app.setActiveAccount(null);
	};

	#account(): AccountInfo | undefined {
		return this.#app.getActiveAccount() ?? this.#app.getAllAccounts()[0] ?? undefined;
	}
}
