// Dates and counts written by hand rather than through Intl: a page's first Intl formatter loads
// the browser's locale data, 10–50 ms of main thread (measured in Chromium), and the Ask page would
// pay that twice (a date and a count) before its first conversation is drawn. The app's words
// are English, so are its figures.

const two = (n: number) => String(n).padStart(2, '0');

/** A date and time, local, as 2026-11-28 09:05: one form for every reader, sorted as it reads. */
export function shortDate(time: number): string {
	const d = new Date(time);
	return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A whole number with its thousands marked: 128000 as 128,000. */
export function grouped(n: number): string {
	const [whole = '', fraction] = String(Math.abs(n)).split('.');
	const marked = whole.replace(/\B(?=(\d{3})+$)/g, ',');
	return `${n < 0 ? '-' : ''}${marked}${fraction ? `.${fraction}` : ''}`;
}
