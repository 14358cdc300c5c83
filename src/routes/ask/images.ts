/** Per-image limit of the chat API's vision input. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGES = 10;
const TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Reads picked, pasted or dropped images as data URLs, refusing what the service would refuse. */
export async function readImages(
	files: File[],
	alreadyAttached: number
): Promise<{ images: string[]; error?: string }> {
	const images: string[] = [];
	const problems: string[] = [];
	for (const file of files) {
		if (!TYPES.includes(file.type)) {
			problems.push(`${file.name} is not a PNG, JPEG, GIF or WebP image.`);
		} else if (file.size > MAX_IMAGE_BYTES) {
			problems.push(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is 20 MB.`);
		} else if (alreadyAttached + images.length >= MAX_IMAGES) {
			problems.push(`At most ${MAX_IMAGES} images per message.`);
			break;
		} else {
			images.push(await dataUrl(file));
		}
	}
	return problems.length ? { images, error: problems.join(' ') } : { images };
}

function dataUrl(file: File): Promise<string> {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(String(reader.result));
		reader.onerror = () => reject(reader.error);
		reader.readAsDataURL(file);
	});
}
