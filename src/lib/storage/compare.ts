import { compareRunSchema } from '$lib/model/compare';
import { collection } from './records';
import { store } from './stores';

/** Past comparisons, newest first. */
export const compareRuns = collection(store('compare'), compareRunSchema, (run) => run.updatedAt);
