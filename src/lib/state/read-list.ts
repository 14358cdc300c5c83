/** A stored list for a page, with what went wrong reading it in words (records that do not parse stay stored). */
export async function readList<T>(
	load: () => Promise<{ items: T[]; unreadable: number }>,
	what: string
): Promise<{ items: T[]; problem?: string }> {
	try {
		const { items, unreadable } = await load();
		return unreadable ? { items, problem: `${unreadable} ${what} could not be read.` } : { items };
	} catch (error) {
		return { items: [], problem: `The ${what} could not be loaded: ${(error as Error).message}` };
	}
}
