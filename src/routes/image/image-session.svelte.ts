import type { Connection } from '$lib/azure/connection';
import { asAzureError, type AzureError } from '$lib/azure/errors';
import {
	buildImageBody,
	generateImages,
	urlExpiry,
	type GeneratedImage,
	type ImageFamily,
	type ImageForm
} from '$lib/azure/images';
import { newId } from '$lib/id';
import { Countdown } from '$lib/state/countdown.svelte';
import {
	clearGallery,
	deleteGeneration,
	loadGallery,
	saveGeneration,
	type Generation,
	type StoredImage
} from '$lib/storage/images';

const MAX_RATE_LIMIT_RETRIES = 3;

function base64ToBlob(b64: string, type: string): Blob {
	const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
	return new Blob([bytes], { type });
}

/** Keeps the bytes: from b64_json, or by downloading the URL when its host allows it. */
async function keep(
	image: GeneratedImage,
	mime: string,
	signal: AbortSignal
): Promise<StoredImage> {
	const extra = {
		...(image.revisedPrompt ? { revisedPrompt: image.revisedPrompt } : {}),
		...(image.filter ? { filter: image.filter } : {}),
		...(image.promptFilter ? { promptFilter: image.promptFilter } : {})
	};
	if (image.b64) return { blob: base64ToBlob(image.b64, mime), ...extra };
	if (!image.url) return extra;
	try {
		// No credentials and no token: the URL carries its own signature.
		const response = await fetch(image.url, {
			signal,
			credentials: 'omit',
			referrerPolicy: 'no-referrer'
		});
		if (response.ok) return { blob: await response.blob(), ...extra };
	} catch (error) {
		if (signal.aborted) throw error;
		// The blob host did not allow a cross-origin download: keep the URL until it expires.
	}
	return { url: image.url, expiresAt: urlExpiry(image.url), ...extra };
}

/** Generating, showing and keeping pictures. */
export class ImageSession {
	gallery = $state.raw<Generation[]>([]);
	/** The generation in the Results region: the one running, or the last one. */
	current = $state.raw<Generation | undefined>(undefined);
	busy = $state(false);
	elapsed = $state(0);
	progress = $state.raw<{ done: number; total: number } | undefined>(undefined);
	failure = $state.raw<{ error: AzureError; deployment: string } | undefined>(undefined);
	storageProblem = $state<string | undefined>(undefined);
	readonly countdown = new Countdown(MAX_RATE_LIMIT_RETRIES);

	#controller: AbortController | undefined;

	load = async (): Promise<void> => {
		try {
			const { generations, unreadable } = await loadGallery();
			this.gallery = generations;
			if (unreadable) this.storageProblem = `${unreadable} gallery entries could not be read.`;
		} catch (error) {
			this.storageProblem = `The gallery could not be loaded: ${(error as Error).message}`;
		}
	};

	cancel = (): void => {
		this.#controller?.abort();
		this.countdown.cancel();
	};

	generate = async (
		connection: Connection,
		deployment: string,
		family: ImageFamily,
		form: ImageForm,
		attempt = 0
	): Promise<void> => {
		if (this.busy) return;
		this.failure = undefined;
		this.busy = true;
		const controller = new AbortController();
		this.#controller = controller;
		const started = Date.now();
		this.elapsed = 0;
		const clock = setInterval(
			() => (this.elapsed = Math.floor((Date.now() - started) / 1000)),
			1000
		);
		// dall-e-3 makes one image per request: more are asked for one after another.
		const requests = family === 'dall-e-3' ? form.n : 1;
		const mime =
			family === 'gpt-image-1' && form.outputFormat === 'jpeg' ? 'image/jpeg' : 'image/png';
		const generation: Generation = {
			id: newId(),
			createdAt: Date.now(),
			deployment,
			family,
			form: { ...form },
			images: []
		};
		this.current = generation;
		this.progress = { done: 0, total: requests };
		let failure: AzureError | undefined;
		try {
			for (let i = 0; i < requests; i++) {
				const result = await generateImages(connection, {
					deployment,
					body: buildImageBody(family, form),
					signal: controller.signal
				});
				const kept = await Promise.all(
					result.images.map((image) => keep(image, mime, controller.signal))
				);
				generation.images = [...generation.images, ...kept];
				if (result.usage?.total !== undefined) {
					generation.usage = { total: (generation.usage?.total ?? 0) + result.usage.total };
				}
				this.current = { ...generation };
				this.progress = { done: i + 1, total: requests };
			}
		} catch (error) {
			if (!controller.signal.aborted) {
				failure = asAzureError(error);
			}
		} finally {
			clearInterval(clock);
			this.busy = false;
			this.progress = undefined;
			this.#controller = undefined;
		}
		if (generation.images.length) await this.#keep({ ...generation });
		if (failure) {
			this.failure = { error: failure, deployment };
			if (
				failure.kind === 'rate-limited' &&
				this.countdown.allows(attempt) &&
				!generation.images.length
			) {
				this.countdown.start(
					failure.retryAfterSeconds ?? 10,
					attempt + 1,
					() => void this.generate(connection, deployment, family, form, attempt + 1)
				);
			}
		}
	};

	#keep = async (generation: Generation): Promise<void> => {
		try {
			await saveGeneration(generation);
			this.gallery = [generation, ...this.gallery.filter((g) => g.id !== generation.id)];
		} catch (error) {
			const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
			this.storageProblem = quota
				? 'The browser has no room left for more images: delete some from the gallery. These are shown but not kept.'
				: `The images could not be kept: ${(error as Error).message}`;
		}
	};

	remove = async (id: string): Promise<void> => {
		await deleteGeneration(id);
		this.gallery = this.gallery.filter((g) => g.id !== id);
		if (this.current?.id === id) this.current = undefined;
	};

	removeAll = async (): Promise<void> => {
		await clearGallery();
		this.gallery = [];
		this.current = undefined;
	};
}
