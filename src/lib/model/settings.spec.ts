import { describe, expect, it } from 'vitest';
import { connectionLabel, hostOf } from './settings';

describe('connectionLabel', () => {
	const named = { name: 'Production', endpoint: 'https://prod.openai.azure.com' };
	const byHost = { name: 'test.openai.azure.com', endpoint: 'https://test.openai.azure.com/' };

	it('is the connection’s name', () => {
		expect(connectionLabel(named, 0, false)).toBe('Production');
		expect(connectionLabel(byHost, 1, false)).toBe('test.openai.azure.com');
	});

	it('hides a host in presenter mode, naming the connection by its place instead', () => {
		expect(hostOf(byHost.endpoint)).toBe(byHost.name);
		expect(connectionLabel(byHost, 1, true)).toBe('Connection 2');
		expect(connectionLabel(named, 0, true)).toBe('Production');
	});
});
