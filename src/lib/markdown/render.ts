// Loaded on demand: the first reply to show pulls in marked and DOMPurify, not the first page load.
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
	gfm: true,
	breaks: false,
	renderer: {
		code({ text, lang }: Tokens.Code) {
			const language = (lang ?? '').match(/^[\w+#.-]+/)?.[0] ?? '';
			return `<div class="code-block"><div class="code-bar"><span>${escapeHtml(language || 'text')}</span><button type="button" class="copy-code" data-copy-code>Copy code</button></div><pre><code${language ? ` class="language-${escapeHtml(language)}"` : ''}>${escapeHtml(text)}</code></pre></div>`;
		}
	}
});

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
	if (node.tagName === 'A') {
		const href = node.getAttribute('href') ?? '';
		if (!/^(https?:|mailto:|#)/i.test(href)) node.removeAttribute('href');
		node.setAttribute('target', '_blank');
		node.setAttribute('rel', 'noopener noreferrer nofollow');
	}
	// Model output must not make the page fetch from other hosts (tracking, exfiltration):
	// remote images become links the user can choose to open.
	if (node.tagName === 'IMG') {
		const src = node.getAttribute('src') ?? '';
		if (!src.startsWith('data:image/')) {
			const link = node.ownerDocument.createElement('a');
			link.textContent = `[image: ${node.getAttribute('alt') || src}]`;
			if (/^https?:/i.test(src)) {
				link.setAttribute('href', src);
				link.setAttribute('target', '_blank');
				link.setAttribute('rel', 'noopener noreferrer nofollow');
			}
			node.replaceWith(link);
		}
	}
});

const PURIFY_OPTIONS = {
	FORBID_TAGS: [
		'style',
		'form',
		'input',
		'textarea',
		'select',
		'iframe',
		'frame',
		'object',
		'embed',
		'svg',
		'math',
		'video',
		'audio',
		'source',
		'link',
		'meta',
		'base'
	],
	FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'ping', 'background', 'poster'],
	ALLOW_DATA_ATTR: false,
	ADD_ATTR: ['data-copy-code', 'target']
};

/** Markdown to sanitized HTML: model output is untrusted. */
export function renderMarkdown(markdown: string): string {
	const html = marked.parse(markdown, { async: false });
	return purify.sanitize(html, PURIFY_OPTIONS);
}

/** Escaped text, for content that should not be read as Markdown. */
export function renderPlain(text: string): string {
	return `<p class="plain">${escapeHtml(text)}</p>`;
}

export { highlightWithin } from './highlight';
