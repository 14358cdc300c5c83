import { describe, expect, it } from 'vitest';
import { grouped, shortDate } from './format';

describe('grouped', () => {
	it('marks thousands as English does', () => {
		expect(grouped(0)).toBe('0');
		expect(grouped(999)).toBe('999');
		expect(grouped(1000)).toBe('1,000');
		expect(grouped(128000)).toBe('128,000');
		expect(grouped(1234567)).toBe('1,234,567');
		expect(grouped(-4096)).toBe('-4,096');
		expect(grouped(16.384)).toBe('16.384');
		expect(grouped(1234.5)).toBe('1,234.5');
	});
	it('writes what toLocaleString("en") writes for whole numbers', () => {
		for (const n of [7, 42, 1_000, 32_768, 200_000, 1_047_576, 10_000_000]) {
			expect(grouped(n)).toBe(n.toLocaleString('en'));
		}
	});
});

describe('shortDate', () => {
	it('writes the local date and time, zero-padded', () => {
		expect(shortDate(new Date(2026, 0, 5, 9, 3).getTime())).toBe('2026-01-05 09:03');
		expect(shortDate(new Date(2025, 11, 31, 23, 59).getTime())).toBe('2025-12-31 23:59');
	});
});
