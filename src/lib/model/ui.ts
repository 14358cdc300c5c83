import { z } from '$lib/zod';

export const THEMES = ['system', 'light', 'dark'] as const;

/** How the app looks and behaves on this device: theme, presenter mode, keys, open panes. */
export const uiPrefsSchema = z.object({
	theme: z._default(z.enum(THEMES), 'system'),
	presenter: z._default(z.boolean(), false),
	/** Which key sends a message; the other one makes a new line. */
	sendWith: z._default(z.enum(['enter', 'ctrl-enter']), 'enter'),
	/** The side panes of Ask on a wide screen. */
	conversationsPane: z._default(z.boolean(), true),
	parametersPane: z._default(z.boolean(), false)
});
export type UiPrefs = z.infer<typeof uiPrefsSchema>;
