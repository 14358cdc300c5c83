import { z } from '$lib/zod';
import { IMAGE_FAMILIES, imageFormSchema } from './images';
import { transcriptionOptionsSchema } from './transcripts';

/** What Create Image remembers between visits: the deployment, its family and the form. */
export const imagePrefsSchema = z.object({
	deployment: z.string(),
	family: z.enum(IMAGE_FAMILIES),
	familyChosen: z.boolean(),
	form: imageFormSchema
});
export type ImagePrefs = z.infer<typeof imagePrefsSchema>;

/** What Transcribe remembers between visits: the deployment and the options. */
export const transcribePrefsSchema = z.object({
	deployment: z.string(),
	options: transcriptionOptionsSchema,
	keepAudio: z.boolean(),
	translate: z._default(z.boolean(), false)
});
export type TranscribePrefs = z.infer<typeof transcribePrefsSchema>;
