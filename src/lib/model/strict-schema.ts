/**
 * Strict structured output takes a subset of JSON Schema: every object closed with
 * `additionalProperties: false` and every property listed in `required`
 * (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/structured-outputs).
 */

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
	!!value && typeof value === 'object' && !Array.isArray(value);
const isObjectSchema = (node: Node) =>
	node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));

/** The schemas nested in a node, with the path to each. */
function children(node: Node, path: string): [Node, string][] {
	const out: [Node, string][] = [];
	const add = (value: unknown, where: string) => {
		if (isNode(value)) out.push([value, where]);
	};
	if (isNode(node.properties)) {
		for (const [key, value] of Object.entries(node.properties))
			add(value, `${path}.properties.${key}`);
	}
	add(node.items, `${path}.items`);
	for (const group of ['anyOf', 'oneOf', 'allOf'] as const) {
		const list = node[group];
		if (Array.isArray(list)) list.forEach((value, i) => add(value, `${path}.${group}[${i}]`));
	}
	for (const group of ['$defs', 'definitions'] as const) {
		const defs = node[group];
		if (isNode(defs))
			for (const [key, value] of Object.entries(defs)) add(value, `${path}.${group}.${key}`);
	}
	return out;
}

/** What strict mode would refuse in the schema, in words; empty when it is fine. */
export function strictSchemaProblems(schema: unknown): string[] {
	if (!isNode(schema) || schema.type !== 'object') {
		return ['Strict mode needs the schema itself to be "type": "object".'];
	}
	const problems: string[] = [];
	const visit = (node: Node, path: string) => {
		if (isObjectSchema(node)) {
			const where = path ? `The object at ${path.slice(1)}` : 'The schema';
			if (node.additionalProperties !== false) {
				problems.push(`${where} needs "additionalProperties": false.`);
			}
			const required = Array.isArray(node.required) ? node.required : [];
			const missing = Object.keys(isNode(node.properties) ? node.properties : {}).filter(
				(key) => !required.includes(key)
			);
			if (missing.length) {
				problems.push(
					`${where} must list ${missing.map((k) => `"${k}"`).join(', ')} in "required".`
				);
			}
		}
		for (const [child, where] of children(node, path)) visit(child, where);
	};
	visit(schema, '');
	return problems;
}

/** The schema with every object closed and every property required: what strict mode takes. */
export function fixStrictSchema(schema: unknown): unknown {
	if (!isNode(schema)) return schema;
	const copy: Node = structuredClone(schema);
	const visit = (node: Node) => {
		if (isObjectSchema(node)) {
			node.additionalProperties = false;
			node.required = Object.keys(isNode(node.properties) ? node.properties : {});
		}
		for (const [child] of children(node, '')) visit(child);
	};
	visit(copy);
	return copy;
}
