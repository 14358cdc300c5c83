import { z } from 'zod/mini';

export { z };

type Issue = z.core.$ZodIssue;

/**
 * What is wrong, in words, for a user reading why stored data or an imported file does not parse.
 * Written here rather than taken from zod's English locale, which would add a kilobyte to every
 * page's first load.
 */
export function issueText(issue: Issue | undefined): string {
	switch (issue?.code) {
		case undefined:
			return 'unknown shape';
		case 'invalid_type':
			return `expected ${issue.expected}`;
		case 'too_small':
			return `must be at least ${issue.minimum}`;
		case 'too_big':
			return `must be at most ${issue.maximum}`;
		case 'invalid_value':
			return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
		case 'invalid_format':
			return `not a valid ${issue.format}`;
		case 'unrecognized_keys':
			return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
		case 'invalid_union':
			return 'matches none of the shapes allowed here';
		default:
			return issue?.message || 'not valid';
	}
}

/** Where and what: `messages.3.role: expected one of "user", "assistant"`. */
export function issueAt(issue: Issue | undefined): string {
	return `${issue?.path.join('.') || 'value'}: ${issueText(issue)}`;
}
