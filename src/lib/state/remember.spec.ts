import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyImageForm } from '$lib/model/images';
import { imagePrefsSchema, type ImagePrefs } from '$lib/model/prefs';
import { remembered } from './remember';

const prefs = remembered('image', imagePrefsSchema, [
	'deployment',
	'family',
	'familyChosen',
	'form'
]);
const kept: ImagePrefs = {
	deployment: 'pictures',
	family: 'gpt-image-1',
	familyChosen: true,
	form: { ...emptyImageForm(), prompt: 'kept from last time' }
};

/** A visit to the page, after the choices of the last one were kept. */
async function visit(): Promise<ImagePrefs> {
	prefs.save(kept);
	await new Promise((resolve) => setTimeout(resolve, 50));
	return { deployment: '', family: 'dall-e-3', familyChosen: false, form: emptyImageForm() };
}

describe('remembered choices', () => {
	it('come back on the next visit', async () => {
		const page = await visit();
		await prefs.restore(page);
		expect(page).toEqual(kept);
	});

	it('never replace what the person typed while they were being read', async () => {
		const page = await visit();
		const restoring = prefs.restore(page);
		// Typed before the stored choices arrived.
		page.form = { ...page.form, prompt: 'a lighthouse at dusk' };
		await restoring;
		expect(page.form.prompt).toBe('a lighthouse at dusk');
		// What was not touched still comes back.
		expect(page.deployment).toBe('pictures');
		expect(page.familyChosen).toBe(true);
	});
});
