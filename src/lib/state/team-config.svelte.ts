import { asset } from '$app/paths';
import type { FeaturePage, TeamConfig } from '$lib/model/team-config';

/**
 * The team's `cerulean.config.json`, read once per page from beside `index.html` (see
 * src/lib/model/team-config.ts): `problem` says why a file that is there could not be used.
 */
export const team = $state<{ config?: TeamConfig; problem?: string }>({});

let loading: Promise<TeamConfig | undefined> | undefined;

/** The config, or undefined when there is none (or it could not be used, said in `team.problem`). */
export function loadTeamConfig(): Promise<TeamConfig | undefined> {
	loading ??= (async () => {
		let response: Response;
		try {
			response = await fetch(asset('/cerulean.config.json'), { cache: 'no-cache' });
		} catch {
			return undefined; // Offline: start without it.
		}
		// No file: a 404, or a host's single-page fallback answering with the app's own page.
		if (!response.ok || /html/i.test(response.headers.get('content-type') ?? '')) return undefined;
		// The schema loads only when there is a file to read.
		const [{ readTeamConfig }, text] = await Promise.all([
			import('$lib/model/team-config'),
			response.text().catch(() => '')
		]);
		const read = readTeamConfig(text);
		if ('problem' in read) {
			team.problem = `The team settings file cerulean.config.json could not be used: ${read.problem}. Cerulean works without it; tell whoever deployed it.`;
			return undefined;
		}
		team.config = read.config;
		return read.config;
	})();
	return loading;
}

/** The deployment the team suggests for a page, if any. */
export async function teamDeployment(page: FeaturePage): Promise<string | undefined> {
	return (await loadTeamConfig())?.deployments?.[page]?.trim() || undefined;
}
