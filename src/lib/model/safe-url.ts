/**
 * A URL from the service or from stored data, if the page may show or link to it: `https:`,
 * `blob:` or an image as `data:image/…`. Anything else (`javascript:`, `vbscript:`,
 * `data:text/html`, plain `http:`, text that is no URL) is refused, so it can never run as script
 * or open as a page from a picture's Open link.
 */
export function safeUrl(url: string | undefined): string | undefined {
	if (!url) return undefined;
	// A data URL is checked by its start: parsing a large one only to read its scheme is waste.
	if (/^data:/i.test(url)) {
		return /^data:image\/(png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i.test(url.slice(0, 64))
			? url
			: undefined;
	}
	try {
		const { protocol } = new URL(url);
		return protocol === 'https:' || protocol === 'blob:' ? url : undefined;
	} catch {
		return undefined;
	}
}
