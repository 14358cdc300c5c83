import { z } from '$lib/zod';
import { fieldText } from './field-text';
import type { ParamRow } from './params';

export const TRANSCRIPTION_FAMILIES = ['whisper', 'gpt-4o-transcribe'] as const;
export type TranscriptionFamily = (typeof TRANSCRIPTION_FAMILIES)[number];
export const TRANSCRIPT_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export function guessTranscriptionFamily(deployment: string): TranscriptionFamily {
	return /transcribe/i.test(deployment) ? 'gpt-4o-transcribe' : 'whisper';
}

/** The service's file limit (https://learn.microsoft.com/azure/ai-foundry/openai/whisper-quickstart). */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
/** Containers real Azure recordings prove the service reads. */
export const AUDIO_EXTENSIONS = [
	'flac',
	'm4a',
	'mp3',
	'mp4',
	'mpeg',
	'mpga',
	'oga',
	'ogg',
	'wav',
	'webm'
] as const;

export type TranscriptionParamKey = 'language' | 'prompt' | 'format' | 'temperature';

/** Transcribe's parameters (audio transcription request of the 2024-10-21 spec). */
export const TRANSCRIPTION_PARAMS: readonly ParamRow<TranscriptionParamKey, TranscriptionFamily>[] =
	[
		{
			key: 'language',
			label: 'Language',
			wire: 'language',
			kind: 'text',
			defaultText: 'detected',
			help: 'The language spoken, as an ISO-639-1 code; empty detects it.'
		},
		{
			key: 'format',
			label: 'Response Format',
			wire: 'response_format',
			kind: 'choice',
			choices: {
				whisper: ['json', 'text', 'srt', 'verbose_json', 'vtt'],
				// gpt-4o-transcribe has no timestamps.
				'gpt-4o-transcribe': ['json', 'text']
			},
			defaultText: 'json',
			help: 'verbose_json, srt and vtt carry timestamps; gpt-4o-transcribe deployments answer in json or text only.',
			required: true
		},
		{
			key: 'temperature',
			label: 'Temperature',
			wire: 'temperature',
			kind: 'number',
			min: 0,
			max: 1,
			step: 0.1,
			defaultText: '0',
			help: 'Above 0 the wording varies more between runs.'
		},
		{
			key: 'prompt',
			label: 'Prompt',
			wire: 'prompt',
			kind: 'text',
			defaultText: '',
			help: "Spellings and names to expect, in the audio's language."
		}
	];

export const granularitySchema = z.enum(['word', 'segment']);

export const transcriptionOptionsSchema = z.object({
	format: z.enum(TRANSCRIPT_FORMATS),
	language: z.string(),
	prompt: z.string(),
	temperature: fieldText,
	granularities: z.array(granularitySchema)
});
export type TranscriptionOptions = z.infer<typeof transcriptionOptionsSchema>;

const cueSchema = z.object({ start: z.number(), end: z.number(), text: z.string() });
export type Cue = z.infer<typeof cueSchema>;

export const transcriptSchema = z.object({
	format: z.enum(TRANSCRIPT_FORMATS),
	text: z.string(),
	/** The body as the service sent it. */
	raw: z.string(),
	language: z.optional(z.string()),
	duration: z.optional(z.number()),
	/** Segments (verbose_json) or cues (srt, vtt). */
	cues: z.optional(z.array(cueSchema)),
	words: z.optional(z.array(cueSchema))
});
export type Transcript = z.infer<typeof transcriptSchema>;

/** What was sent: the file, to which deployment, with which options. */
export const transcriptionSent = {
	id: z.string(),
	createdAt: z.number(),
	fileName: z.string(),
	size: z.number(),
	deployment: z.string(),
	options: transcriptionOptionsSchema
};

export const transcriptEntrySchema = z.object({
	...transcriptionSent,
	transcript: transcriptSchema,
	/** From sending the file to the transcript, as this browser measured it. */
	durationMs: z.optional(z.number()),
	/** The recording itself, only when the user chose to keep it. */
	audio: z.optional(z.custom<Blob>((value) => value instanceof Blob)),
	/** Translated into English (the translations operation) rather than transcribed. */
	translated: z.optional(z.boolean()),
	/** A long recording or a video: how many parts it was sent in, after this long preparing it. */
	parts: z.optional(z.number()),
	preparedMs: z.optional(z.number()),
	/** Seconds of audio, when this browser decoded it. */
	audioSeconds: z.optional(z.number())
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;
