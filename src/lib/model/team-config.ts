import { issueAt, z } from '$lib/zod';
import { priceSchema } from './prices';
import { API_VERSIONS, AUTH_KINDS } from './settings';

/**
 * `cerulean.config.json`: what a team that deploys Cerulean can ship beside its `index.html`.
 * Offers only: a person's own settings and choices always win. It never holds a token or key;
 * each person enters their own.
 */
const teamConnectionSchema = z.strictObject({
	/** What the Team connection list shows, e.g. "Production (Sweden Central)". */
	name: z.string().check(z.minLength(1), z.maxLength(80)),
	endpoint: z.string().check(z.minLength(1)),
	auth: z.optional(z.enum(AUTH_KINDS)),
	apiVersion: z.optional(z.enum(API_VERSIONS))
});
export type TeamConnection = z.infer<typeof teamConnectionSchema>;

export const FEATURE_PAGES = ['ask', 'image', 'transcribe'] as const;
export type FeaturePage = (typeof FEATURE_PAGES)[number];

export const teamConfigSchema = z.strictObject({
	connections: z.optional(z.array(teamConnectionSchema).check(z.maxLength(50))),
	/** The team's Microsoft Entra ID app registration, for signing in. */
	signIn: z.optional(
		z.strictObject({
			tenantId: z.string().check(z.minLength(1)),
			clientId: z.string().check(z.minLength(1)),
			/** The sign-in host, when not Entra ID's public cloud (https://login.microsoftonline.com). */
			authority: z.optional(z.url({ protocol: /^https$/ }))
		})
	),
	/** The deployment each page starts with, until the person picks one. */
	deployments: z.optional(
		z.strictObject({
			ask: z.optional(z.string()),
			image: z.optional(z.string()),
			transcribe: z.optional(z.string())
		})
	),
	/** Per deployment name. */
	prices: z.optional(z.record(z.string(), priceSchema)),
	currency: z.optional(z.string().check(z.maxLength(8)))
});
export type TeamConfig = z.infer<typeof teamConfigSchema>;

const SECRET_KEY = /token|key|secret|password/i;

/** The config from the file's text, or what is wrong with it, in words. */
export function readTeamConfig(text: string): { config: TeamConfig } | { problem: string } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return { problem: `it is not JSON (${(error as Error).message})` };
	}
	const parsed = teamConfigSchema.safeParse(json);
	if (parsed.success) return { config: parsed.data };
	const issue = parsed.error.issues[0];
	if (issue?.code === 'unrecognized_keys' && issue.keys.some((key) => SECRET_KEY.test(key))) {
		const at = issue.path.join('.') || 'the top level';
		return {
			problem: `it holds a token or key (${issue.keys.join(', ')} at ${at}); a shared file must not, as everyone who opens Cerulean can read it. Remove it: each person enters their own`
		};
	}
	return { problem: issueAt(issue) };
}
