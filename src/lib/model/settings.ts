import { z } from '$lib/zod';

/** The API versions Cerulean offers; `v1` is the `/openai/v1/` path with the deployment in the body. */
export const API_VERSIONS = ['2024-10-21', '2025-04-01-preview', 'v1'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export const AUTH_KINDS = ['api-key', 'entra'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export const connectionSchema = z.object({
	endpoint: z.url({ protocol: /^https?$/ }),
	auth: z.enum(AUTH_KINDS),
	token: z.string().check(z.minLength(1)),
	apiVersion: z.enum(API_VERSIONS)
});

/** What every request needs: where to go and how to prove who is asking. */
export type Connection = z.infer<typeof connectionSchema>;

/** Where Microsoft Entra ID signs people in (the public cloud). */
export const ENTRA_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * Signing in with Microsoft: the team's app registration (a single-page application) and its
 * tenant. `authority` is the sign-in host, https only: Entra ID's unless another cloud or an
 * OpenID Connect server stands in for it.
 */
export const signInSchema = z.object({
	tenant: z.string().check(z.minLength(1)),
	clientId: z.string().check(z.minLength(1)),
	authority: z.optional(z.url({ protocol: /^https$/ }))
});
export type SignInConfig = z.infer<typeof signInSchema>;

/** The host a sign-in talks to: the one named, or Entra ID's public cloud. */
export const signInHost = (config: SignInConfig): string => config.authority ?? ENTRA_AUTHORITY;

/** Which app registration a sign-in belongs to: connections that share one share the sign-in. */
export const signInKey = (config: SignInConfig): string =>
	JSON.stringify([config.tenant, config.clientId, config.authority]);

/** One saved connection as IndexedDB keeps it; the token only when it is to be remembered. */
export const storedConnectionSchema = z.object({
	id: z.string().check(z.minLength(1)),
	name: z.string(),
	endpoint: z.string(),
	auth: z.enum(AUTH_KINDS),
	apiVersion: z.enum(API_VERSIONS),
	rememberToken: z.boolean(),
	token: z.optional(z.string()),
	signIn: z.optional(signInSchema)
});
export type StoredConnection = z.infer<typeof storedConnectionSchema>;

/**
 * Every saved connection, and the one each page uses (by page: `ask`, `image`, `transcribe`,
 * `settings`; a page with none uses the first).
 */
export const storedSettingsSchema = z.object({
	version: z.literal(2),
	connections: z.array(storedConnectionSchema).check(z.minLength(1)),
	chosen: z.record(z.string(), z.string())
});
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

/** The host an endpoint names, as shown and as a connection's name until it is given one. */
export const hostOf = (endpoint: string): string =>
	endpoint.replace(/^https?:\/\//i, '').split('/')[0] ?? '';

/**
 * What a Connection select calls a saved connection. Presenter mode hides hosts, so one named
 * after its own host goes by its place in the list.
 */
export const connectionLabel = (
	saved: { name: string; endpoint: string },
	index: number,
	presenter: boolean
): string =>
	presenter && saved.name === hostOf(saved.endpoint) ? `Connection ${index + 1}` : saved.name;

/** Whether the API version is a preview surface (dated preview or v1): newer parameters live there. */
export function isPreview(apiVersion: ApiVersion): boolean {
	return apiVersion !== '2024-10-21';
}
