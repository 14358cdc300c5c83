/** The host names plain http is allowed for: this machine (a local emulator or proxy). */
export const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A picture given as a data URL (PNG, JPEG, GIF, WebP or AVIF, base64), checked by its start:
 * parsing a large one only to read its type is waste.
 */
export function isImageData(url: string): boolean {
	return /^data:image\/(png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i.test(url.slice(0, 64));
}

/**
 * A URL from the service or from stored data, if the page may show or link to it: `https:`,
 * `blob:` or an image as `data:image/…` (and `http:` from this machine only). Anything else
 * (`javascript:`, `vbscript:`, `data:text/html`, `http:` from elsewhere, text that is no URL) is
 * refused, so it can never run as script or open as a page from a picture's Open link.
 */
export function safeUrl(url: string | undefined): string | undefined {
	if (!url) return undefined;
	if (/^data:/i.test(url)) return isImageData(url) ? url : undefined;
	try {
		const { protocol, hostname } = new URL(url);
		if (protocol === 'https:' || protocol === 'blob:') return url;
		return protocol === 'http:' && LOCAL_HOSTS.has(hostname) ? url : undefined;
	} catch {
		return undefined;
	}
}
