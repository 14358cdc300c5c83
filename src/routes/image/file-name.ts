/** The name a downloaded picture gets: the start of its prompt, then its number in the generation. */
export function pictureName(prompt: string, number: number): string {
	const slug =
		prompt
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 40) || 'image';
	return `${slug}-${number}`;
}
