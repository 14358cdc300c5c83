import { grouped } from '$lib/components/format';
import {
	FAMILY_LIMITS,
	IMAGE_PARAMS,
	type ImageFamily,
	type ImageForm,
	type ImageParamKey
} from '$lib/model/images';
import { accepts, choicesFor, parseField } from '$lib/model/params';

export type ImageFormErrors = Partial<Record<ImageParamKey | 'prompt', string>>;

/** Checks the form against the family's limits before anything is sent. */
export function checkImageForm(family: ImageFamily, form: ImageForm): ImageFormErrors {
	const errors: ImageFormErrors = {};
	const { maxPrompt } = FAMILY_LIMITS[family];
	if (!form.prompt.trim()) errors.prompt = 'Describe the picture you want.';
	else if (form.prompt.length > maxPrompt) {
		errors.prompt = `${family} takes at most ${grouped(maxPrompt)} characters; this prompt has ${grouped(form.prompt.length)}.`;
	}
	for (const row of IMAGE_PARAMS) {
		if (!accepts(row, family, undefined)) continue;
		const { error } = parseField(row, form[row.key], family);
		if (error) {
			errors[row.key] =
				row.kind === 'choice' ? `${family} takes ${choicesFor(row, family).join(', ')}.` : error;
		}
	}
	// Number of Responses decides how many requests go out: it may not be left empty.
	const n = IMAGE_PARAMS.find((r) => r.key === 'n');
	if (n && !errors.n && parseField(n, form.n).value === undefined) errors.n = n.invalid;
	if (
		family === 'gpt-image-1' &&
		form.background === 'transparent' &&
		form.outputFormat === 'jpeg'
	) {
		errors.background = 'A transparent background needs PNG output.';
	}
	return errors;
}

/** The form kept for the family: choices it does not have are reset to their defaults. */
export function fitFamily(family: ImageFamily, form: ImageForm): ImageForm {
	const next = { ...form };
	for (const row of IMAGE_PARAMS) {
		if (row.kind !== 'choice' || !row.choices || Array.isArray(row.choices)) continue;
		if (next[row.key] && !choicesFor(row, family).includes(String(next[row.key]))) {
			(next as Record<string, unknown>)[row.key] = row.key === 'size' ? '1024x1024' : '';
		}
	}
	return next;
}
