/**
 * Runs jobs that share a key one after another, in the order they were asked for; jobs with
 * different keys run side by side. A job that fails does not stop the ones queued after it.
 *
 * A tab's own writes to one conversation go through this: two of its saves in flight at once would
 * each read the same stored revision, and the second would take the first for another tab's write
 * and merge it back in (see merge.ts).
 */
export function inTurn(): <T>(key: string, job: () => Promise<T>) => Promise<T> {
	const tails = new Map<string, Promise<unknown>>();
	return <T>(key: string, job: () => Promise<T>): Promise<T> => {
		const result = (tails.get(key) ?? Promise.resolve()).then(job, job);
		const tail = result.catch(() => undefined);
		tails.set(key, tail);
		void tail.then(() => {
			if (tails.get(key) === tail) tails.delete(key);
		});
		return result;
	};
}
