import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '$lib/model/settings';
import { AzureError } from './errors';
import { useTokenSource, withToken } from './token-source';

const connection: Connection = {
	endpoint: 'https://my-resource.openai.azure.com',
	auth: 'entra',
	token: '',
	apiVersion: '2024-10-21'
};
const refused = () => new AzureError({ kind: 'unauthorized', message: 'expired' });

afterEach(() => useTokenSource(undefined));

describe('withToken', () => {
	it('sends the token the sign-in gives, and a pasted one as it is without a sign-in', async () => {
		const sent: string[] = [];
		const run = async (c: Connection) => void sent.push(c.token);
		await withToken({ ...connection, token: 'pasted' }, run);
		useTokenSource(async (c) => ({ ...c, token: 'signed-in' }));
		await withToken(connection, run);
		expect(sent).toEqual(['pasted', 'signed-in']);
	});

	it('after a 401, asks once for a new token and sends again', async () => {
		const asked: boolean[] = [];
		useTokenSource(async (c, renew) => {
			asked.push(renew);
			return { ...c, token: renew ? 'new' : 'old' };
		});
		const sent: string[] = [];
		const result = await withToken(connection, async (c) => {
			sent.push(c.token);
			if (c.token === 'old') throw refused();
			return 'answer';
		});
		expect(result).toBe('answer');
		expect(sent).toEqual(['old', 'new']);
		expect(asked).toEqual([false, true]);
	});

	it('gives up after one new token, and never retries other errors or connections it does not sign', async () => {
		useTokenSource(async (c, renew) =>
			c.endpoint === connection.endpoint ? { ...c, token: renew ? 'new' : 'old' } : undefined
		);
		let calls = 0;
		await expect(
			withToken(connection, async () => {
				calls++;
				throw refused();
			})
		).rejects.toThrow('expired');
		expect(calls).toBe(2);
		calls = 0;
		await expect(
			withToken(connection, async () => {
				calls++;
				throw new AzureError({ kind: 'rate-limited', message: 'slow down' });
			})
		).rejects.toThrow('slow down');
		expect(calls).toBe(1);
		calls = 0;
		await expect(
			withToken({ ...connection, endpoint: 'https://other.openai.azure.com' }, async () => {
				calls++;
				throw refused();
			})
		).rejects.toThrow('expired');
		expect(calls).toBe(1);
	});
});
