/** What a page says when code it fetches on demand does not arrive. */
export const PART_MISSING =
	'Part of Cerulean did not load: the network is down, or a newer version replaced it. Reload the page; your work is kept.';
