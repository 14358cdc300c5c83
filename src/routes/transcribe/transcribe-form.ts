import { choicesFor, parseField } from '$lib/model/params';
import { isPreview, type ApiVersion } from '$lib/model/settings';
import {
	AUDIO_EXTENSIONS,
	MAX_AUDIO_BYTES,
	TRANSCRIPTION_FAMILIES,
	TRANSCRIPTION_PARAMS,
	type TranscriptFormat,
	type TranscriptionFamily,
	type TranscriptionOptions
} from '$lib/model/transcripts';

const row = (key: (typeof TRANSCRIPTION_PARAMS)[number]['key']) =>
	TRANSCRIPTION_PARAMS.find((r) => r.key === key) as (typeof TRANSCRIPTION_PARAMS)[number];

/** Response formats each family accepts, from the parameter table. */
export const FORMATS = Object.fromEntries(
	TRANSCRIPTION_FAMILIES.map((f) => [f, choicesFor(row('format'), f) as TranscriptFormat[]])
) as Record<TranscriptionFamily, TranscriptFormat[]>;

/** timestamp_granularities[] exists in preview versions and v1, not in 2024-10-21. */
export const supportsGranularities = (apiVersion: ApiVersion): boolean => isPreview(apiVersion);

/** Containers a browser commonly decodes, beyond those the service reads itself. */
const MEDIA_EXTENSIONS = [...AUDIO_EXTENSIONS, 'mov', 'mkv', 'm4v', 'aac', 'opus', 'm4b'];

/**
 * Why a file would be refused, said before anything is sent; undefined when it is fine. Any size
 * is fine: what the service would not take in one request is prepared and sent in parts.
 */
export function checkAudioFile(file: { name: string; type?: string }): string | undefined {
	const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
	if (!MEDIA_EXTENSIONS.includes(extension) && !/^(audio|video)\//.test(file.type ?? '')) {
		return `${file.name} is not an audio or video file. Use an audio or video file: ${[...AUDIO_EXTENSIONS, 'mov', 'mkv'].join(', ')}.`;
	}
	return undefined;
}

/** Over the service's limit of 25 MB a request. */
export const overLimit = (file: { size: number }): boolean => file.size > MAX_AUDIO_BYTES;

/** The options as sent: checked by the table, granularities only where the version has them. */
export function checkOptions(
	options: TranscriptionOptions,
	apiVersion: ApiVersion
): { sent?: TranscriptionOptions; errors: { temperature?: string } } {
	const temperature = parseField(row('temperature'), options.temperature);
	if (temperature.error) return { errors: { temperature: temperature.error } };
	return {
		errors: {},
		sent: {
			format: options.format,
			language: options.language,
			prompt: options.prompt,
			temperature: temperature.value === undefined ? '' : String(temperature.value),
			granularities: supportsGranularities(apiVersion) ? [...options.granularities] : []
		}
	};
}
