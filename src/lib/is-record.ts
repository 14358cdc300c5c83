/** A plain object's shape, as the hand-written checks of data from outside test for one. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
