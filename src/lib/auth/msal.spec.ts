import { BrowserAuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import { authorityUrl, signInProblem } from './msal';

describe('authorityUrl', () => {
	it('is Entra ID’s public cloud with the tenant, unless another sign-in host is named', () => {
		expect(authorityUrl({ tenant: 'contoso.onmicrosoft.com', clientId: 'x' })).toBe(
			'https://login.microsoftonline.com/contoso.onmicrosoft.com'
		);
		expect(
			authorityUrl({
				tenant: 'contoso.us',
				clientId: 'x',
				authority: 'https://login.microsoftonline.us/'
			})
		).toBe('https://login.microsoftonline.us/contoso.us');
	});
});

describe('signInProblem', () => {
	it('says what happened and what to do for the failures people meet', () => {
		expect(signInProblem(new BrowserAuthError('user_cancelled', 'closed'))).toMatch(
			/window was closed .* Sign in again/
		);
		expect(signInProblem(new BrowserAuthError('popup_window_error', 'blocked'))).toMatch(
			/Allow pop-ups/
		);
		expect(signInProblem(new InteractionRequiredAuthError('invalid_grant', 'expired'))).toBe(
			'Your Microsoft sign-in has expired. Sign in again in Settings.'
		);
		expect(
			signInProblem(
				new Error('AADSTS700016: Application with identifier x was not found in the directory')
			)
		).toMatch(/did not recognise the tenant or client ID/);
		expect(signInProblem(new Error('something else'))).toBe(
			'Signing in did not work: something else'
		);
	});
});
