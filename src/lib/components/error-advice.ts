import type { AzureError } from '$lib/azure/errors';

export interface ErrorAdvice {
	title: string;
	/** What to do next, in words. */
	action: string;
}

/** Words for a person: what went wrong and what to do next. */
export function describeError(
	error: AzureError,
	context: { deployment?: string } = {}
): ErrorAdvice {
	switch (error.kind) {
		case 'network':
			return {
				title: 'The browser could not reach the endpoint.',
				action:
					'Check the Endpoint for typos and that this device can reach it (VPN, private endpoint or firewall). If the resource only allows selected networks, add this network. A proxy in front of Azure must answer CORS requests from this page.'
			};
		case 'timeout':
			return {
				title:
					error.status === 408
						? 'The service gave up waiting for the request (408).'
						: `The endpoint did not answer in time (${error.message})`,
				action:
					'Check that the Endpoint is right and reachable from this network (VPN, private endpoint, firewall), then try again.'
			};
		case 'unauthorized':
			return {
				title: 'The service refused the token (401).',
				action:
					'Check Token and Authentication in Settings: an API key goes with "API key"; an Entra ID access token goes with "Microsoft Entra ID" and expires after about an hour.'
			};
		case 'forbidden':
			return {
				title: 'The token is valid but not allowed to do this (403).',
				action:
					'An Entra ID identity needs the "Cognitive Services OpenAI User" role on the resource; role changes take up to 5 minutes. The resource may also block this network.'
			};
		case 'not-found':
			return {
				title: context.deployment
					? `No deployment named "${context.deployment}" was found (404).`
					: 'The endpoint or path was not found (404).',
				action: context.deployment
					? 'Use the deployment name from the Azure AI Foundry portal (Deployments), which is not always the model name. A deployment created in the last 5 minutes may not be ready yet.'
					: 'Check the Endpoint in Settings: it should be the resource URL, e.g. https://my-resource.openai.azure.com, and the API version must exist.'
			};
		case 'rate-limited':
			return {
				title: 'The deployment is over its rate limit (429).',
				action:
					error.retryAfterSeconds !== undefined
						? `Azure asks to retry after ${error.retryAfterSeconds} seconds. Raising the deployment's quota in the portal avoids this.`
						: "Wait a moment and try again. Raising the deployment's quota in the portal avoids this."
			};
		case 'too-large':
			return {
				title: 'The request was too large for the service (413).',
				action:
					'Send less: a shorter audio file (25 MB at most), fewer or smaller attached images, or a shorter conversation.'
			};
		case 'content-filter': {
			const flagged = Object.entries(error.contentFilter ?? {})
				.filter(([, r]) => r.filtered)
				.map(([c, r]) =>
					r.severity ? `${c.replace(/_/g, ' ')} (${r.severity})` : c.replace(/_/g, ' ')
				);
			return {
				title: flagged.length
					? `Azure's content filter blocked this request: ${flagged.join(', ')}.`
					: "Azure's content filter blocked this request.",
				action: 'Rephrase the prompt and try again.'
			};
		}
		case 'bad-request':
			return {
				title: `The service rejected the request${error.param ? ` (parameter "${error.param}")` : ''}.`,
				action: 'Change what the service names below and try again.'
			};
		case 'server':
			return {
				title: `The service failed (${error.status ?? 'server error'}).`,
				action: 'This is on Azure\u2019s side; try again in a moment.'
			};
		case 'stream-dropped':
			return {
				title: 'The connection dropped before the reply finished.',
				action: 'Whatever had arrived is kept. Retry to ask again.'
			};
		case 'stream-malformed':
			return {
				title: 'The service sent a reply Cerulean could not read.',
				action: 'Retry; if it keeps happening, check that the endpoint is Azure OpenAI.'
			};
		case 'unexpected-response':
			return {
				title: 'The endpoint answered, but not like Azure OpenAI.',
				action: 'Check that the Endpoint is the Azure OpenAI resource URL.'
			};
	}
}
