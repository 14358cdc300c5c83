import { promptSchema } from '$lib/model/prompts';
import { collection } from './records';
import { store } from './stores';

/** The prompts the user saved (the starters are not stored), newest first. */
export const prompts = collection(store('prompts'), promptSchema, (p) => p.updatedAt);
