import { generationSchema } from '$lib/model/images';
import { collection } from './records';
import { store } from './stores';

/** The gallery: generations with their pictures as files, newest first. */
export const gallery = collection(store('images'), generationSchema, (g) => g.createdAt);
