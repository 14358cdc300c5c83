// Share as HTML: the conversation as one self-contained page, loaded when asked for.
import { fileBase } from '$lib/chat/conversation-file';
import { highlightWithin } from '$lib/markdown/highlight-page';
import { renderMarkdown, renderPlain } from '$lib/markdown/render';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import { isImageData } from '$lib/model/safe-url';
import { priceFor } from '$lib/state/prices.svelte';
import { conversationCost, replyFigures } from './reply-notes';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The file's own policy: no script of any kind runs in it and it fetches nothing, even opened from
 * a web server; the pictures are inside it.
 */
const POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const STYLE = `
:root { color-scheme: light dark; --fg: light-dark(#1b2330, #e6ebf2); --soft: light-dark(#556070, #9aa6b6);
  --bg: light-dark(#f4f6fa, #10151d); --card: light-dark(#fff, #18202b); --line: light-dark(#d9dee7, #2c3746);
  --accent: light-dark(#0b67b0, #58a6ff); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 50rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
main.wide { max-width: 100rem; }
.side-by-side { display: grid; gap: 0 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); align-items: start; }
h1 { font-size: 1.75rem; margin: 0 0 0.25rem; }
.about, .figures, .model { color: var(--soft); font-size: 0.875rem; }
article { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.25rem; margin: 1rem 0; }
article.user { border-left: 4px solid var(--accent); }
article > h2 { font-size: 0.875rem; margin: 0 0 0.5rem; color: var(--accent); }
.model { font-weight: 400; margin-left: 0.25rem; }
p { margin: 0 0 0.6rem; } .plain { white-space: pre-wrap; }
img { max-width: 100%; height: auto; border-radius: 8px; }
pre { margin: 0; padding: 0.75rem; overflow-x: auto; font-size: 0.875rem; line-height: 1.45; white-space: pre-wrap; }
code { font-family: ui-monospace, "Cascadia Code", Menlo, Consolas, monospace; }
.code-block { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 0.6rem; overflow: hidden; }
.code-bar { padding: 0.2rem 0.75rem; font-size: 0.8rem; color: var(--soft); border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; margin: 0 0 0.6rem; } th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; }
blockquote { margin: 0 0 0.6rem; padding-left: 0.75rem; border-left: 3px solid var(--line); color: var(--soft); }
.figures { display: flex; flex-wrap: wrap; gap: 0 1rem; margin: 0.5rem 0 0; }
.hljs-keyword, .hljs-selector-tag, .hljs-built_in { color: light-dark(#b3122e, #ff7b72); }
.hljs-string, .hljs-attr { color: light-dark(#0a3069, #a5d6ff); }
.hljs-comment { color: light-dark(#57606a, #9ba6b2); font-style: italic; }
.hljs-number, .hljs-literal { color: light-dark(#0550ae, #79c0ff); }
.hljs-title { color: light-dark(#6639ba, #d2a8ff); }
@media print { body { background: #fff; color: #000; } article { break-inside: avoid; border-color: #999; } }
`;

const ROLE_NAMES = { system: 'System', user: 'You', assistant: 'Assistant', tool: 'Tool' } as const;

/** One message as HTML: what the user wrote as text, what the model wrote as sanitized Markdown. */
function messageHtml(message: ChatMessage): string {
	const parts: string[] = [];
	const named = message.toolName ? ` (${escape(message.toolName)})` : '';
	// The deployment by its name, and the model behind it where the service said.
	const model =
		message.deployment && message.model
			? `${message.deployment} (${message.model})`
			: (message.model ?? message.deployment);
	parts.push(
		`<h2>${ROLE_NAMES[message.role]}${named}${
			message.role === 'assistant' && model ? ` <span class="model">${escape(model)}</span>` : ''
		}</h2>`
	);
	if (message.role === 'assistant') {
		if (message.content) parts.push(renderMarkdown(message.content));
		if (message.refusal) parts.push(renderPlain(`Refused: ${message.refusal}`));
	} else if (message.content) {
		parts.push(
			message.role === 'tool'
				? `<pre><code>${escape(message.content)}</code></pre>`
				: renderPlain(message.content)
		);
	}
	for (const image of message.images ?? []) {
		if (isImageData(image)) parts.push(`<p><img src="${escape(image)}" alt="Attached image"></p>`);
	}
	for (const call of message.toolCalls ?? []) {
		parts.push(
			`<p>Calls <code>${escape(call.name)}</code>:</p><pre><code class="language-json">${escape(call.arguments)}</code></pre>`
		);
	}
	if (message.status === 'stopped' || message.status === 'interrupted') {
		parts.push(`<p class="about">(${message.status})</p>`);
	}
	if (message.role === 'assistant') {
		const { price, currency } = priceFor(message.deployment);
		const figures = replyFigures(message, price, currency);
		if (figures.length) {
			parts.push(
				`<p class="figures">${figures.map((f) => `<span>${escape(f)}</span>`).join('')}</p>`
			);
		}
	}
	return `<article class="${message.role}">${parts.join('')}</article>`;
}

/**
 * The conversation as one HTML file that needs nothing else: its styles inside, the Markdown drawn
 * and sanitized as on screen, code highlighted, pictures as data URLs, each reply's figures. No
 * script, no event handler, no request when opened; no endpoint or token, which a conversation
 * does not hold.
 */
export async function shareFile(
	conversation: Conversation,
	options: {
		/** The replies answer the same message (a Compare run): drawn side by side. */
		sideBySide?: boolean;
	} = {}
): Promise<{ name: string; type: string; content: string }> {
	const system = conversation.systemMessage.trim()
		? `<article class="system"><h2>System</h2>${renderPlain(conversation.systemMessage.trim())}</article>`
		: '';
	// Highlighting works on elements in the page, so the messages are drawn hidden for a moment.
	const holder = document.createElement('div');
	holder.hidden = true;
	document.body.append(holder);
	let body: string;
	try {
		const messages = conversation.messages;
		holder.innerHTML = options.sideBySide
			? system +
				messages
					.filter((m) => m.role !== 'assistant')
					.map(messageHtml)
					.join('') +
				`<div class="side-by-side">${messages
					.filter((m) => m.role === 'assistant')
					.map(messageHtml)
					.join('')}</div>`
			: system + messages.map(messageHtml).join('');
		await highlightWithin([holder]);
		for (const button of holder.querySelectorAll('button')) button.remove();
		for (const code of holder.querySelectorAll('[data-highlighted]')) {
			code.removeAttribute('data-highlighted');
		}
		body = holder.innerHTML;
	} finally {
		holder.remove();
	}
	const cost = conversationCost(conversation.messages);
	const when = new Date(conversation.updatedAt).toLocaleString();
	const about = [
		conversation.deployment ? `Deployment ${conversation.deployment}` : '',
		options.sideBySide
			? `${conversation.messages.filter((m) => m.role === 'assistant').length} replies side by side`
			: `${conversation.messages.length} messages`,
		when,
		cost ? `Cost ≈ ${cost}` : ''
	].filter(Boolean);
	const content = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Cerulean">
<title>${escape(conversation.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main${options.sideBySide ? ' class="wide"' : ''}>
<h1>${escape(conversation.title)}</h1>
<p class="about">${about.map(escape).join(' · ')}</p>
${body}
<p class="about">Shared from Cerulean, a studio for Azure OpenAI.</p>
</main>
</body>
</html>
`;
	return { name: `${fileBase(conversation.title)}.html`, type: 'text/html', content };
}
