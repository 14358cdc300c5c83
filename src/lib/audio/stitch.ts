// One transcript from the transcripts of a recording's parts: text joined, timestamps moved by
// where each part starts, subtitles numbered through, and the service's own verbose_json fields
// (tokens, log-probabilities) kept.
import type { Cue, Transcript, TranscriptFormat } from '$lib/model/transcripts';
import { toSrt, toVtt } from '$lib/transcripts/subtitles';

export interface PartTranscript {
	/** Where the part starts in the whole recording, in seconds. */
	offset: number;
	transcript: Transcript;
}

const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;
const moved = (cues: Cue[] | undefined, by: number) =>
	cues?.map((cue) => ({ ...cue, start: ms(cue.start + by), end: ms(cue.end + by) }));

/** The end of the text, for the next part's prompt: whisper continues it (its prompt is a "previous" text). */
export function promptTail(text: string, characters = 300): string {
	const tail = text.trim().slice(-characters);
	// Cut at a word: the first one may be a piece of one.
	return (tail.length === characters ? tail.slice(tail.indexOf(' ') + 1) : tail).trim();
}

/** The prompt for a part: the person's own, then the end of what the part before said. */
export function partPrompt(prompt: string, previousText: string | undefined): string {
	if (!previousText?.trim()) return prompt;
	return [prompt.trim(), promptTail(previousText)].filter(Boolean).join(' ');
}

type VerboseSegment = Record<string, unknown> & { start: number; end: number };

/** The parts' verbose_json bodies as one, every timestamp moved and segments numbered through. */
function verboseBody(parts: readonly PartTranscript[], text: string, duration: number): string {
	const bodies = parts.map(({ transcript }) => {
		try {
			return JSON.parse(transcript.raw) as Record<string, unknown>;
		} catch {
			return {};
		}
	});
	let id = 0;
	const segments = parts.flatMap(({ offset }, i) =>
		((bodies[i]!.segments as VerboseSegment[] | undefined) ?? []).map((segment) => ({
			...segment,
			id: id++,
			seek: Math.round(Number(segment.seek ?? 0) + offset * 100),
			start: ms(segment.start + offset),
			end: ms(segment.end + offset)
		}))
	);
	const words = parts.flatMap(({ offset }, i) =>
		((bodies[i]!.words as VerboseSegment[] | undefined) ?? []).map((word) => ({
			...word,
			start: ms(word.start + offset),
			end: ms(word.end + offset)
		}))
	);
	const first = bodies[0] ?? {};
	return JSON.stringify({
		...(first.task ? { task: first.task } : {}),
		...(first.language ? { language: first.language } : {}),
		duration: ms(duration),
		text,
		...(bodies.some((b) => b.words) ? { words } : {}),
		...(bodies.some((b) => b.segments) ? { segments } : {})
	});
}

/** The whole recording's transcript, in `format`, from its parts in order. */
export function stitch(
	format: TranscriptFormat,
	parts: readonly PartTranscript[],
	duration: number
): Transcript {
	if (parts.length === 1 && parts[0]!.offset === 0) return parts[0]!.transcript;
	const text = parts
		.map((p) => p.transcript.text.trim())
		.filter(Boolean)
		.join(' ');
	const timed = parts.some((p) => p.transcript.cues);
	const cues = timed ? parts.flatMap((p) => moved(p.transcript.cues, p.offset) ?? []) : undefined;
	const hasWords = parts.some((p) => p.transcript.words);
	const words = hasWords
		? parts.flatMap((p) => moved(p.transcript.words, p.offset) ?? [])
		: undefined;
	const language = parts.find((p) => p.transcript.language)?.transcript.language;
	const raw =
		format === 'srt'
			? toSrt(cues ?? [])
			: format === 'vtt'
				? toVtt(cues ?? [])
				: format === 'verbose_json'
					? verboseBody(parts, text, duration)
					: format === 'json'
						? JSON.stringify({ text })
						: `${text}\n`;
	return {
		format,
		text,
		raw,
		...(language ? { language } : {}),
		...(format === 'verbose_json' ? { duration: ms(duration) } : {}),
		...(cues ? { cues } : {}),
		...(words ? { words } : {})
	};
}
