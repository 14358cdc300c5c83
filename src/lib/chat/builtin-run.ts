// What the built-in functions do, loaded when a reply first calls one (see builtin-functions.ts).

/** Runs a built-in function; the result (or the error) is the text sent back as the tool message. */
export function runBuiltin(name: string, args: string, now = new Date()): string {
	let parsed: Record<string, unknown>;
	try {
		parsed = args.trim() ? (JSON.parse(args) as Record<string, unknown>) : {};
	} catch {
		return JSON.stringify({ error: 'The arguments were not valid JSON.' });
	}
	if (name === 'get_current_time') {
		return JSON.stringify({
			iso: now.toISOString(),
			local: now.toLocaleString(),
			timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone
		});
	}
	if (name === 'calculate') {
		const expression = typeof parsed.expression === 'string' ? parsed.expression : '';
		try {
			return JSON.stringify({ expression, result: evaluate(expression) });
		} catch (error) {
			return JSON.stringify({ expression, error: (error as Error).message });
		}
	}
	return JSON.stringify({ error: `Unknown function ${name}` });
}

/** A small recursive-descent evaluator: numbers, + - * / % ^, unary minus, parentheses. No eval. */
export function evaluate(expression: string): number {
	const tokens = expression.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[-+*/%^()]|\S/gi) ?? [];
	let at = 0;
	const peek = () => tokens[at];
	const next = () => tokens[at++];

	function primary(): number {
		const token = next();
		if (token === '(') {
			const value = sum();
			if (next() !== ')') throw new Error('Missing )');
			return value;
		}
		if (token === '-') return -primary();
		if (token === '+') return primary();
		if (token !== undefined && /^\d/.test(token)) return Number(token);
		throw new Error(token === undefined ? 'Unexpected end' : `Unexpected "${token}"`);
	}
	function power(): number {
		const base = primary();
		if (peek() === '^') {
			next();
			return base ** power();
		}
		return base;
	}
	function product(): number {
		let value = power();
		while (peek() === '*' || peek() === '/' || peek() === '%') {
			const op = next();
			const right = power();
			value = op === '*' ? value * right : op === '/' ? value / right : value % right;
		}
		return value;
	}
	function sum(): number {
		let value = product();
		while (peek() === '+' || peek() === '-') {
			const op = next();
			const right = product();
			value = op === '+' ? value + right : value - right;
		}
		return value;
	}
	const result = sum();
	if (at < tokens.length) throw new Error(`Unexpected "${tokens[at]}"`);
	return result;
}
