import type { FeaturePage } from '$lib/model/team-config';

/**
 * The deployment the team suggests for a page (cerulean.config.json), for a page with none picked
 * yet. The file's reader loads only when asked, not with the first page.
 */
export function suggestedDeployment(page: FeaturePage): Promise<string | undefined> {
	return import('./team-config.svelte')
		.then(({ teamDeployment }) => teamDeployment(page))
		.catch(() => undefined);
}
