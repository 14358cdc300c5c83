import type { Connection } from '$lib/model/settings';
import { authHeaders, buildUrl, jsonPayload, type Operation } from './request';

export interface CodeSamples {
	url: string;
	curl: string;
	fetch: string;
	python: string;
}

/** A request as the code samples show it. */
export interface SampleRequest {
	connection: Connection;
	operation: Operation;
	deployment: string;
	body: Record<string, unknown>;
}

/** The token as shown in code samples: never the real value. */
export const MASKED_TOKEN = '<your-token>';

/** The exact request (URL, headers, body) as curl, JavaScript fetch and Python, with the token masked. */
export function codeSamples({
	connection,
	operation,
	deployment,
	body
}: SampleRequest): CodeSamples {
	const url = buildUrl(connection, operation, deployment);
	const headers = {
		...authHeaders({ ...connection, token: MASKED_TOKEN }),
		'Content-Type': 'application/json'
	};
	const json = JSON.stringify(jsonPayload(connection, deployment, body), null, 2);
	const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
	const curl = [
		`curl ${shellQuote(url)}`,
		...Object.entries(headers).map(([k, v]) => `  -H ${shellQuote(`${k}: ${v}`)}`),
		`  -d ${shellQuote(json)}`
	].join(' \\\n');
	const fetchCode = `const response = await fetch(${JSON.stringify(url)}, {
  method: 'POST',
  headers: ${JSON.stringify(headers, null, 2).replace(/\n/g, '\n  ')},
  body: JSON.stringify(${json.replace(/\n/g, '\n  ')})
});
console.log(await response.${body.stream ? 'text' : 'json'}());`;
	const python = `import json
import requests

response = requests.post(
    ${JSON.stringify(url)},
    headers=${JSON.stringify(headers)},
    json=json.loads(${JSON.stringify(json)}),${body.stream ? '\n    stream=True,' : ''}
)
${body.stream ? 'for line in response.iter_lines():\n    print(line.decode())' : 'print(response.json())'}`;
	return { url, curl, fetch: fetchCode, python };
}
