// Loaded on demand: the first reply to show pulls in marked and DOMPurify, not the first page load.
import DOMPurify, { type Config } from 'dompurify';
import { isImageData } from '$lib/model/safe-url';
import { parsedHtml } from './parse';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What Markdown makes, and nothing more: no class, id, name, style, hidden or data-* from the
 * model, no buttons, forms or inputs. A reply cannot draw something that looks like the app's own
 * alerts or buttons; the app's code-block bar is added after sanitizing, where only it can put it.
 */
const PROFILE: Config & { RETURN_DOM_FRAGMENT: true } = {
	ALLOWED_TAGS: [
		'p',
		'br',
		'hr',
		'h1',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'strong',
		'em',
		'del',
		's',
		'code',
		'pre',
		'blockquote',
		'ul',
		'ol',
		'li',
		'a',
		'img',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'sup',
		'sub',
		'kbd',
		'input'
	],
	ALLOWED_ATTR: ['href', 'title', 'src', 'alt', 'align', 'start', 'class', 'type', 'checked'],
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false,
	RETURN_DOM_FRAGMENT: true
};

const purify = DOMPurify(window);
// Set once rather than passed to each call: DOMPurify reads a config passed to sanitize() again on
// every call, which was 40 % of its time on the short blocks a streaming reply is drawn in.
purify.setConfig(PROFILE);

purify.addHook('uponSanitizeAttribute', (node, data) => {
	// The one class kept: a code block's language, as Markdown writes it.
	if (data.attrName === 'class') {
		data.keepAttr = node.tagName === 'CODE' && /^language-[\w+#.-]+$/.test(data.attrValue);
	}
});

purify.addHook('afterSanitizeAttributes', (node) => {
	if (node.tagName === 'A') {
		const href = node.getAttribute('href') ?? '';
		if (!/^(https?:|mailto:|#)/i.test(href)) node.removeAttribute('href');
		node.setAttribute('target', '_blank');
		node.setAttribute('rel', 'noopener noreferrer nofollow');
	}
	// A task list's box is drawn as a character: a reply never puts a form control on the page.
	if (node.tagName === 'INPUT') {
		const checkbox = node.getAttribute('type') === 'checkbox';
		node.replaceWith(checkbox ? (node.hasAttribute('checked') ? '☑ ' : '☐ ') : '');
	}
	// Model output must not make the page fetch from other hosts (tracking, exfiltration):
	// remote images become links the user can choose to open.
	if (node.tagName === 'IMG') {
		const src = node.getAttribute('src') ?? '';
		if (!isImageData(src)) {
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

/**
 * The app's bar over each code block: its language and a Copy code button for that code alone;
 * the block itself takes focus, to be scrolled from the keyboard.
 */
function addCodeBars(fragment: DocumentFragment): void {
	for (const pre of fragment.querySelectorAll('pre')) {
		const code = pre.querySelector('code');
		const language = /language-([\w+#.-]+)/.exec(code?.className ?? '')?.[1] ?? 'text';
		const block = document.createElement('div');
		block.className = 'code-block';
		block.innerHTML = `<div class="code-bar"><span>${escapeHtml(language)}</span><button type="button" class="copy-code" data-copy-code>Copy code</button></div>`;
		pre.replaceWith(block);
		// A long line scrolls inside the block: the keyboard must be able to scroll it too.
		pre.tabIndex = 0;
		block.append(pre);
	}
}

const serializer = document.createElement('div');

/**
 * Markdown to sanitized HTML: model output is untrusted. Text marked cannot parse (thousands of
 * nested quotes overflow its stack) is shown as plain text instead.
 */
export function renderMarkdown(markdown: string): string {
	let parsed: string;
	try {
		// Parsed by the stream worker already when it is a streaming reply's block.
		parsed = parsedHtml(markdown);
	} catch {
		return renderPlain(markdown);
	}
	// The set config returns a fragment (RETURN_DOM_FRAGMENT); the typings only know that when it
	// is passed to the call.
	const fragment = purify.sanitize(parsed) as unknown as DocumentFragment;
	addCodeBars(fragment);
	serializer.replaceChildren(fragment);
	const html = serializer.innerHTML;
	serializer.replaceChildren();
	return html;
}

/** Escaped text, for content that should not be read as Markdown. */
export function renderPlain(text: string): string {
	return `<p class="plain">${escapeHtml(text)}</p>`;
}
