import { clear, del, entries, set, type UseStore } from 'idb-keyval';
import { issueAt, type z } from '$lib/zod';

/**
 * The value as plain data IndexedDB can clone: objects and arrays copied (Svelte's `$state` proxies
 * cannot be cloned), binary data kept as it is, functions and `undefined` fields left out.
 */
export function plain<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value))
		return value;
	if (value instanceof Date) return new Date(value.getTime()) as T;
	if (Array.isArray(value)) return value.map((item) => plain(item)) as T;
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		if (item !== undefined && typeof item !== 'function') out[key] = plain(item);
	}
	return out as T;
}

/**
 * The one way records are written: made plain, then checked against the schema they are read
 * back with, so nothing is stored that would not load again.
 */
export async function putRecord<S extends z.ZodMiniType>(
	store: UseStore,
	key: string,
	schema: S,
	value: z.input<S>
): Promise<void> {
	await set(key, checked(schema, value), store);
}

/** The value made plain and checked against its schema, or an error saying what would not read back. */
export function checked<S extends z.ZodMiniType>(schema: S, value: z.input<S>): z.output<S> {
	const result = schema.safeParse(plain(value));
	if (!result.success) {
		throw new Error(
			`Cerulean tried to keep a record it could not read back (${issueAt(result.error.issues[0])}).`
		);
	}
	return result.data;
}

/** Every record of a store that still parses, and how many do not (those stay stored, unread). */
export async function readAll<S extends z.ZodMiniType>(
	store: UseStore,
	schema: S
): Promise<{ items: z.output<S>[]; unreadable: number }> {
	const items: z.output<S>[] = [];
	let unreadable = 0;
	for (const [, value] of await entries(store)) {
		const parsed = schema.safeParse(value);
		if (parsed.success) items.push(parsed.data);
		else unreadable++;
	}
	return { items, unreadable };
}

/**
 * A store of records with ids: all of them newest first (by `when`), one saved, one deleted, all
 * cleared.
 */
export function collection<S extends z.ZodMiniType<{ id: string }>>(
	store: UseStore,
	schema: S,
	when: (item: z.output<S>) => number
) {
	return {
		load: async (): Promise<{ items: z.output<S>[]; unreadable: number }> => {
			const { items, unreadable } = await readAll(store, schema);
			return { items: items.sort((a, b) => when(b) - when(a)), unreadable };
		},
		/** A full disk throws (QuotaExceededError) and leaves the store as it was. */
		save: (item: z.input<S> & { id: string }): Promise<void> =>
			putRecord(store, item.id, schema, item),
		remove: (id: string): Promise<void> => del(id, store),
		clear: (): Promise<void> => clear(store)
	};
}
