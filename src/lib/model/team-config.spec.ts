import { describe, expect, it } from 'vitest';
import { readTeamConfig } from './team-config';

describe('readTeamConfig', () => {
	it('reads connections, sign-in, default deployments and prices', () => {
		const text = JSON.stringify({
			connections: [
				{
					name: 'Production',
					endpoint: 'https://prod.openai.azure.com',
					auth: 'entra',
					apiVersion: 'v1'
				},
				{ name: 'Images (East US)', endpoint: 'https://img.openai.azure.com' }
			],
			signIn: {
				tenantId: 'contoso.onmicrosoft.com',
				clientId: '00000000-0000-0000-0000-000000000000'
			},
			deployments: { ask: 'gpt-4o', image: 'dall-e-3' },
			prices: { 'gpt-4o': { input: 2.5, output: 10 } },
			currency: 'USD'
		});
		expect(readTeamConfig(text)).toMatchObject({
			config: { connections: [{ name: 'Production', auth: 'entra' }, { name: 'Images (East US)' }] }
		});
	});

	it('says what is wrong, and refuses a file that holds a token', () => {
		expect(readTeamConfig('{ connections: [] }')).toMatchObject({ problem: /^it is not JSON/ });
		expect(readTeamConfig('{"connections":[{"name":"A"}]}')).toEqual({
			problem: 'connections.0.endpoint: expected string'
		});
		expect(readTeamConfig('{"deployments":{"ask":"x","chat":"y"}}')).toEqual({
			problem: 'deployments: unknown key chat'
		});
		expect(
			readTeamConfig(
				'{"connections":[{"name":"A","endpoint":"https://a.openai.azure.com","apiKey":"s"}]}'
			)
		).toMatchObject({ problem: /holds a token or key \(apiKey at connections\.0\)/ });
	});
});
