import { describe, expect, it } from 'vitest';
import { inTurn } from './in-turn';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inTurn', () => {
	it('runs jobs with one key in order, each after the last has finished', async () => {
		const turn = inTurn();
		const seen: string[] = [];
		const job = (name: string, ms: number) => async () => {
			seen.push(`${name} start`);
			await later(ms);
			seen.push(`${name} end`);
			return name;
		};
		const results = await Promise.all([turn('a', job('slow', 20)), turn('a', job('quick', 1))]);
		expect(results).toEqual(['slow', 'quick']);
		expect(seen).toEqual(['slow start', 'slow end', 'quick start', 'quick end']);
	});

	it('lets other keys run side by side, and goes on after a failure', async () => {
		const turn = inTurn();
		const seen: string[] = [];
		const first = turn('a', async () => {
			await later(20);
			throw new Error('disk full');
		});
		const other = turn('b', async () => void seen.push('b'));
		const next = turn('a', async () => 'after');
		await other;
		expect(seen).toEqual(['b']);
		await expect(first).rejects.toThrow('disk full');
		await expect(next).resolves.toBe('after');
	});
});
