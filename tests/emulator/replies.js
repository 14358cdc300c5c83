// @ts-check
// What the emulator "says": it cannot think, so it answers with replies shaped like real ones:
// Markdown answers by topic, JSON for the JSON modes (matching the schema), demo function calls.

/** @param {any} message */
export function textOf(message) {
	if (typeof message?.content === 'string') return message.content;
	if (Array.isArray(message?.content)) {
		return message.content
			.filter((/** @type {any} */ p) => p?.type === 'text')
			.map((/** @type {any} */ p) => p.text)
			.join(' ');
	}
	return '';
}

/** Splits text into token-sized pieces the way a stream delivers them. @param {string} text */
export function tokenize(text) {
	return text.match(/\s*\S+|\s+/g) ?? [];
}

/** @param {string} text */
const short = (text) => {
	const line = text.trim().split('\n')[0] ?? '';
	return line.length > 120 ? `${line.slice(0, 120)}…` : line || 'your question';
};

/**
 * A Markdown answer shaped like a real one, chosen by the question's topic; it names the question
 * so a reader (and a test) can tell which request it answers.
 * @param {string} question @param {{ deployment: string, model: string }} who
 */
export function demoAnswer(question, who) {
	const q = short(question);
	const footer = `_Answered by the Cerulean emulator as deployment \`${who.deployment}\` (model \`${who.model}\`)._`;
	if (/\b(code|function|script|python|javascript|typescript|program|regex|sql)\b/i.test(question)) {
		return [
			`Here is a small, complete example for “${q}”.`,
			'',
			'```python',
			'from collections import Counter',
			'',
			'def top_words(text: str, n: int = 3) -> list[tuple[str, int]]:',
			'    """Return the n most common words, ignoring case and punctuation."""',
			"    words = [w.strip('.,;:!?').lower() for w in text.split()]",
			'    return Counter(w for w in words if w).most_common(n)',
			'',
			'print(top_words("the cat and the hat and the bat"))',
			'```',
			'',
			'**How it works**',
			'',
			'1. `split()` breaks the text on whitespace; `strip` removes punctuation at the edges.',
			'2. `Counter` tallies each word in a single pass, so the cost is linear in the text.',
			'3. `most_common(n)` returns the pairs sorted by count: `[("the", 3), ("and", 2), ("cat", 1)]`.',
			'',
			footer
		].join('\n');
	}
	if (/\b(compare|comparison|table|versus|vs|difference|differences)\b/i.test(question)) {
		return [
			`A side-by-side view helps with “${q}”.`,
			'',
			'| Option | Strengths | Watch out for |',
			'| --- | --- | --- |',
			'| **Standard deployment** | Pay per token, starts at once | Shared capacity: 429s at peak |',
			'| **Provisioned throughput** | Predictable latency | Billed per hour, sized in advance |',
			'| **Batch** | About half the price | Results within 24 hours, not live |',
			'',
			'In short: start with a standard deployment, measure tokens per minute, and move the steady part of the load to provisioned throughput once it is predictable.',
			'',
			footer
		].join('\n');
	}
	if (/\b(story|poem|haiku|tale|fable)\b/i.test(question)) {
		return [
			`A short story, as asked (“${q}”):`,
			'',
			'The lighthouse keeper counted ships the way other people counted sheep: one for every light that crossed the bay, until the sea went quiet and the lamp turned on alone.',
			'',
			'One night a small boat came in without lights. She swung the beam toward it, and in the white circle stood a girl holding a jar of fireflies, *steering by them*, as if the whole coast were hers to find.',
			'',
			'> "You could have used the lighthouse," the keeper said.',
			'> "I did," said the girl. "I just brought my own, in case."',
			'',
			footer
		].join('\n');
	}
	return [
		`Here is a short answer to “${q}”.`,
		'',
		'**In brief:** start from what you want to decide, gather the two or three facts that decide it, and check each against a source you trust.',
		'',
		'### Steps',
		'',
		'1. **Frame the question.** Write down what a good answer would let you do.',
		'2. **Collect the facts.** Prefer primary sources; note where each fact came from.',
		'3. **Check the result.** Try it on one real case before relying on it.',
		'',
		'```bash',
		'# The same request from a terminal, with your own endpoint and key:',
		'curl "$AZURE_OPENAI_ENDPOINT/openai/deployments/' +
			who.deployment +
			'/chat/completions?api-version=2024-10-21" \\',
		'  -H "api-key: $AZURE_OPENAI_API_KEY" -H "Content-Type: application/json" \\',
		'  -d \'{"messages":[{"role":"user","content":"Hello"}]}\'',
		'```',
		'',
		footer
	].join('\n');
}

/** The instruction Cerulean sends to continue a stopped reply. */
const CONTINUE = /^continue\b/i;

/**
 * The reply to a conversation without a script: a continuation picks up a stopped demo answer
 * where it stopped; otherwise the answer to the last user message.
 * @param {any[]} messages @param {{ deployment: string, model: string }} who
 */
export function defaultReply(messages, who) {
	const last = messages.at(-1);
	const before = messages.at(-2);
	if (last?.role === 'user' && CONTINUE.test(textOf(last)) && before?.role === 'assistant') {
		const partial = textOf(before);
		const question = [...messages.slice(0, -2)].reverse().find((m) => m.role === 'user');
		const full = demoAnswer(textOf(question), who);
		if (partial && full.startsWith(partial)) return full.slice(partial.length);
	}
	const lastUser = [...messages].reverse().find((m) => m.role === 'user');
	return demoAnswer(textOf(lastUser), who);
}

/**
 * Without a script, a request offering tools gets a demo round trip: a user message naming a tool
 * calls it (calculate gets the arithmetic found in the message), and a tool result is read back.
 * @param {any} body @returns {{ content?: string, toolCalls?: { name: string, arguments: string }[] } | undefined}
 */
export function demoToolReply(body) {
	const last = body.messages.at(-1);
	if (last?.role === 'tool') return { content: `The function returned: ${textOf(last)}` };
	if (!Array.isArray(body.tools) || last?.role !== 'user') return undefined;
	const said = textOf(last);
	const tool = body.tools.find((/** @type {any} */ t) => said.includes(t.function?.name));
	if (!tool) return undefined;
	const name = tool.function.name;
	const expression = name === 'calculate' ? arithmeticIn(said) : undefined;
	return { toolCalls: [{ name, arguments: JSON.stringify(expression ? { expression } : {}) }] };
}

/** The longest arithmetic expression in a sentence, parentheses included and balanced. @param {string} text */
export function arithmeticIn(text) {
	const candidates = text.match(/[-(\d.][\d\s.+\-*/%^()]*[\d)]/g) ?? [];
	const balanced = candidates
		.map((c) => trimUnbalanced(c.trim()))
		.filter((c) => /\d/.test(c) && /\d\s*[-+*/%^]\s*[-(\d.]/.test(c));
	return balanced.sort((a, b) => b.length - a.length)[0];
}

/** @param {string} expression */
function trimUnbalanced(expression) {
	let text = expression;
	const depth = () => [...text].reduce((d, c) => d + (c === '(' ? 1 : c === ')' ? -1 : 0), 0);
	while (depth() > 0 && text.startsWith('(')) text = text.slice(1).trim();
	while (depth() < 0 && text.endsWith(')')) text = text.slice(0, -1).trim();
	return text;
}

/** A JSON object reply for `json_object` mode. @param {string} question */
export function demoJsonObject(question) {
	return JSON.stringify({
		answer: `A structured answer to “${short(question)}”.`,
		points: ['Frame the question', 'Collect the facts', 'Check the result'],
		confidence: 0.82
	});
}

const SAMPLE_STRINGS = /** @type {Record<string, string>} */ ({
	name: 'Ada Lovelace',
	city: 'Oslo',
	country: 'Norway',
	email: 'ada@example.com',
	title: 'A short title',
	summary: 'A one-sentence summary.',
	description: 'A short description.',
	url: 'https://example.com',
	date: '2026-11-26',
	language: 'en'
});

/**
 * An instance of a JSON schema, as a strict structured-output reply would be: every property
 * present, enums and consts respected, `$ref`s into `$defs` followed.
 * @param {any} schema @param {any} [root] @param {string} [name] @param {number} [depth]
 * @returns {unknown}
 */
export function exampleOf(schema, root = schema, name = '', depth = 0) {
	if (!schema || typeof schema !== 'object' || depth > 8) return null;
	if (typeof schema.$ref === 'string') {
		const target = schema.$ref
			.replace(/^#\//, '')
			.split('/')
			.reduce((/** @type {any} */ node, /** @type {string} */ key) => node?.[key], root);
		return exampleOf(target, root, name, depth + 1);
	}
	if ('const' in schema) return schema.const;
	if (Array.isArray(schema.enum)) return schema.enum[0] ?? null;
	const variants = schema.anyOf ?? schema.oneOf;
	if (Array.isArray(variants)) {
		const chosen = variants.find((v) => v?.type !== 'null') ?? variants[0];
		return exampleOf(chosen, root, name, depth + 1);
	}
	const type = Array.isArray(schema.type)
		? (schema.type.find((/** @type {string} */ t) => t !== 'null') ?? 'null')
		: schema.type;
	switch (type ?? (schema.properties ? 'object' : 'string')) {
		case 'object':
			return Object.fromEntries(
				Object.entries(schema.properties ?? {}).map(([key, value]) => [
					key,
					exampleOf(value, root, key, depth + 1)
				])
			);
		case 'array': {
			const count = Math.max(schema.minItems ?? 2, 1);
			return Array.from({ length: Math.min(count, 3) }, () =>
				exampleOf(schema.items, root, name, depth + 1)
			);
		}
		case 'integer':
			return Math.max(schema.minimum ?? 3, 0);
		case 'number':
			return schema.minimum ?? 4.5;
		case 'boolean':
			return true;
		case 'null':
			return null;
		default:
			return SAMPLE_STRINGS[name.toLowerCase()] ?? `Example ${name || 'text'}`;
	}
}
