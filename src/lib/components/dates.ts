let formatter: Intl.DateTimeFormat | undefined;

/**
 * A date and time in the reader's own short form. One formatter serves every list: making one per
 * call costs about as much as the list's whole render once there are hundreds of entries.
 */
export function shortDate(time: number): string {
	formatter ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
	return formatter.format(time);
}
