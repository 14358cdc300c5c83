import type { StoredImage } from '$lib/model/images';
import { safeUrl } from '$lib/model/safe-url';

/**
 * Where a stored picture can be shown from: an object URL for kept bytes (released when no
 * longer shown), else Azure's own link until it expires, if it is one that is safe to open.
 */
export function pictureUrl(image: () => StoredImage | undefined) {
	const src = $derived.by(() => {
		const current = image();
		return current?.blob ? URL.createObjectURL(current.blob) : safeUrl(current?.url);
	});
	$effect(() => {
		const url = src;
		return () => {
			if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
		};
	});
	return {
		get src() {
			return src;
		},
		get extension() {
			return image()?.blob?.type === 'image/jpeg' ? 'jpg' : 'png';
		},
		get expired() {
			const current = image();
			return !current?.blob && current?.expiresAt !== undefined && current.expiresAt < Date.now();
		}
	};
}
