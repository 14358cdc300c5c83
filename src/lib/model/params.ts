import type { ApiVersion } from './settings';

/**
 * One request parameter of an operation: everything the form, the parser, the request body, View
 * code and the model-family filters need to know about it. A parameter table is a list of these;
 * adding a parameter is one row.
 */
export interface ParamRow<Key extends string = string, Family extends string = string> {
	/** The field in the operation's parameter object (and the form). */
	key: Key;
	/** The accessible name of its control. */
	label: string;
	/** The request key on the wire. */
	wire: string;
	/**
	 * How it is typed in: a number, a whole number, free text, one of `choices`, or `custom`: an
	 * editor of its own (JSON, lists) that parses its value itself.
	 */
	kind: 'number' | 'integer' | 'text' | 'choice' | 'custom';
	min?: number;
	max?: number;
	step?: number;
	/** Shown as a slider with a number beside it. */
	slider?: boolean;
	/** For `choice`: the values, per model family where they differ. */
	choices?: readonly string[] | Readonly<Record<Family, readonly string[]>>;
	/** What the service uses when the field is empty. */
	defaultText: string;
	help: string;
	/** The message for a value out of range, where the general one would say less. */
	invalid?: string;
	/** Always has a value: the form offers no "Default" choice. */
	required?: boolean;
	/** The model families that accept it (all when absent). */
	families?: readonly Family[];
	/** The API versions that accept it (all when absent). */
	versions?: readonly ApiVersion[];
}

/** The `user` parameter, the same on every operation that has it. */
export const USER_PARAM = {
	key: 'user',
	label: 'User',
	wire: 'user',
	kind: 'text',
	defaultText: '',
	help: "An end-user id for Azure's abuse monitoring."
} as const satisfies ParamRow;

/** The choices a row offers for a family. */
export function choicesFor<F extends string>(
	row: ParamRow<string, F>,
	family: F
): readonly string[] {
	const choices = row.choices;
	if (!choices) return [];
	return Array.isArray(choices)
		? choices
		: ((choices as Record<F, readonly string[]>)[family] ?? []);
}

/** Whether a row applies to the family and API version. */
export function accepts<F extends string>(
	row: ParamRow<string, F>,
	family: F,
	apiVersion: ApiVersion | undefined
): boolean {
	if (row.families && !row.families.includes(family)) return false;
	if (row.versions && apiVersion && !row.versions.includes(apiVersion)) return false;
	return true;
}

export type Parsed<T> = { value?: T; error?: string };

/**
 * A form field's text as the row's value: empty is "not set"; anything else is checked the way
 * the service would check it.
 */
export function parseField(row: ParamRow, text: unknown, family?: string): Parsed<number | string> {
	// Number inputs bound with bind:value hand over numbers (or null when empty), not strings.
	const trimmed = text == null ? '' : String(text).trim();
	if (!trimmed || row.kind === 'custom') return {};
	if (row.kind === 'text') return { value: trimmed };
	if (row.kind === 'choice') {
		const allowed = choicesFor(row, family ?? '');
		return allowed.length && !allowed.includes(trimmed)
			? { error: `${row.label} must be one of ${allowed.join(', ')}.` }
			: { value: trimmed };
	}
	const value = Number(trimmed);
	if (!Number.isFinite(value)) return { error: row.invalid ?? `${row.label} must be a number.` };
	if (row.kind === 'integer' && !Number.isInteger(value)) {
		return { error: row.invalid ?? `${row.label} must be a whole number.` };
	}
	const min = row.min ?? -Infinity;
	const max = row.max ?? Infinity;
	if (value < min || value > max) {
		const range =
			max === Infinity
				? `${row.label} must be at least ${min}.`
				: `${row.label} must be between ${min} and ${max}.`;
		return { error: row.invalid ?? range };
	}
	return { value };
}

/** A value back as form text. */
export const fieldText = (value: unknown): string => (value == null ? '' : String(value));
