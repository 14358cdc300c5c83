import { describe, expect, it } from 'vitest';
import { safeUrl } from './safe-url';

describe('URLs from the service', () => {
	it('keeps https, blob and image data URLs, and plain http from this machine', () => {
		for (const url of [
			'https://dalleprodsec.blob.core.windows.net/private/images/x.png?se=2026-11-28&sig=abc',
			'blob:http://127.0.0.1:4173/0b6c6b1e-1f2a-4c3d-9e8f-0a1b2c3d4e5f',
			'data:image/png;base64,iVBORw0KGgo=',
			'http://127.0.0.1:4010/images/picture.png',
			'DATA:image/jpeg;base64,/9j/4AAQ'
		]) {
			expect(safeUrl(url)).toBe(url);
		}
	});

	it('refuses what could run script, open a page, or is no URL at all', () => {
		for (const url of [
			'javascript:alert(document.domain)',
			' javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'java\tscript:alert(1)',
			'vbscript:msgbox(1)',
			'data:text/html,<script>alert(1)</script>',
			'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
			'data:image/png,<svg onload=alert(1)>',
			'http://example.com/x.png',
			'file:///etc/passwd',
			'not a url at all',
			''
		]) {
			expect(safeUrl(url), url).toBeUndefined();
		}
	});
});
