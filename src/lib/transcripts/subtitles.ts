import type { Cue } from '$lib/model/transcripts';

/** A timed piece of transcript: a verbose_json segment or an SRT/VTT cue. */
export type { Cue };

/** Reads `HH:MM:SS,mmm` (SRT) or `[HH:]MM:SS.mmm` (VTT) as seconds. */
export function parseTimestamp(text: string): number {
	const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{1,3})$/.exec(text.trim());
	if (!match) throw new Error(`Not a timestamp: ${text}`);
	const [, h = '0', m = '0', s = '0', ms = '0'] = match;
	return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000;
}

/** Seconds as `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (VTT). */
export function formatTimestamp(seconds: number, separator: ',' | '.'): string {
	const ms = Math.round(seconds * 1000);
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor((ms % 3_600_000) / 60_000))}:${pad(
		Math.floor((ms % 60_000) / 1000)
	)}${separator}${pad(ms % 1000, 3)}`;
}

/** Cues of an SRT or WebVTT text (numbering, headers, NOTE blocks and cue settings are skipped). */
export function parseCues(text: string): Cue[] {
	const cues: Cue[] = [];
	const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
	for (const block of blocks) {
		const lines = block.split('\n').filter((l) => l.trim() !== '');
		const at = lines.findIndex((l) => l.includes('-->'));
		if (at < 0) continue;
		const [from = '', rest = ''] = (lines[at] ?? '').split('-->');
		const to = rest.trim().split(/\s+/)[0] ?? '';
		cues.push({
			start: parseTimestamp(from),
			end: parseTimestamp(to),
			text: lines.slice(at + 1).join('\n')
		});
	}
	return cues;
}

export function toSrt(cues: Cue[]): string {
	return cues
		.map(
			(c, i) =>
				`${i + 1}\n${formatTimestamp(c.start, ',')} --> ${formatTimestamp(c.end, ',')}\n${c.text.trim()}\n`
		)
		.join('\n');
}

export function toVtt(cues: Cue[]): string {
	return `WEBVTT\n\n${cues
		.map(
			(c) =>
				`${formatTimestamp(c.start, '.')} --> ${formatTimestamp(c.end, '.')}\n${c.text.trim()}\n`
		)
		.join('\n')}`;
}

/** The cue playing at `time`, or -1. */
export function cueAt(cues: Cue[], time: number): number {
	return cues.findIndex((c) => time >= c.start && time < c.end);
}
