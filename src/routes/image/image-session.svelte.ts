import type { CodeSamples } from '$lib/azure/code-samples';
import { codeFor } from '$lib/state/code-for';
import { buildImageBody, generateImages, urlExpiry, type GeneratedImage } from '$lib/azure/images';
import { newId } from '$lib/id';
import {
	emptyImageForm,
	guessFamily,
	picturesAsked,
	type Generation,
	type ImageFamily,
	type ImageForm,
	type StoredImage
} from '$lib/model/images';
import { imagePrefsSchema, type ImagePrefs } from '$lib/model/prefs';
import type { Connection } from '$lib/model/settings';
import { FeatureSession } from '$lib/state/feature-session.svelte';
import { remembered } from '$lib/state/remember';
import { gallery } from '$lib/storage/images';
import { checkImageForm, fitFamily, type ImageFormErrors } from './image-form';

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

/** Create Image: the form, generating, and the gallery of kept pictures. */
export class ImageSession extends FeatureSession<ImagePrefs> {
	family = $state<ImageFamily>('dall-e-3');
	/** The user picked the family: it no longer follows the deployment name. */
	familyChosen = $state(false);
	form = $state<ImageForm>(emptyImageForm());
	errors = $state<ImageFormErrors & { model?: string }>({});
	gallery = $state.raw<Generation[]>([]);
	/** The generation in the Results region: the one running, or the last one. */
	current = $state.raw<Generation | undefined>(undefined);
	elapsed = $state(0);
	progress = $state.raw<{ done: number; total: number } | undefined>(undefined);

	constructor(connection: () => Connection | undefined) {
		super(
			connection,
			remembered('image', imagePrefsSchema, ['deployment', 'family', 'familyChosen', 'form'])
		);
	}

	load = async (): Promise<void> => {
		this.gallery = await this.restore(gallery.load, 'gallery entries');
	};

	/** The family follows the deployment name while the user has not picked one. */
	setDeployment = (deployment: string): void => {
		this.deployment = deployment;
		const guessed = guessFamily(deployment);
		if (guessed && !this.familyChosen) this.setFamily(guessed);
	};

	setFamily = (family: ImageFamily, chosen = false): void => {
		this.family = family;
		this.familyChosen ||= chosen;
		this.form = fitFamily(family, this.form);
		this.remember();
	};

	/** Puts a past generation's prompt and settings back in the form. */
	reuse = (generation: Generation): void => {
		this.deployment = generation.deployment;
		this.familyChosen = true;
		this.family = generation.family;
		this.form = { ...generation.form };
		this.remember();
	};

	/** Checks the form, then generates; nothing is sent while a field is wrong. */
	submit = async (): Promise<void> => {
		const connection = this.connection();
		const errors: typeof this.errors = checkImageForm(this.family, this.form);
		if (!this.deployment.trim())
			errors.model = 'Enter the deployment name from Azure AI Foundry → Deployments.';
		this.errors = errors;
		if (Object.keys(errors).length || !connection) return;
		await this.#generate(
			connection,
			this.deployment.trim(),
			this.family,
			$state.snapshot(this.form)
		);
	};

	#generate = async (
		connection: Connection,
		deployment: string,
		family: ImageFamily,
		form: ImageForm,
		attempt = 0
	): Promise<void> => {
		const started = Date.now();
		this.elapsed = 0;
		const clock = setInterval(
			() => (this.elapsed = Math.floor((Date.now() - started) / 1000)),
			1000
		);
		// dall-e-3 makes one image per request: more are asked for one after another.
		const requests = family === 'dall-e-3' ? picturesAsked(form) : 1;
		const mime =
			family === 'gpt-image-1' && form.outputFormat === 'jpeg' ? 'image/jpeg' : 'image/png';
		const generation: Generation = {
			id: newId(),
			createdAt: Date.now(),
			deployment,
			family,
			form,
			images: []
		};
		this.current = generation;
		this.progress = { done: 0, total: requests };
		const outcome = await this.op.run(deployment, async (signal) => {
			for (let i = 0; i < requests; i++) {
				const result = await generateImages(connection, {
					deployment,
					body: buildImageBody(family, form),
					signal
				});
				const kept = await Promise.all(result.images.map((image) => keep(image, mime, signal)));
				generation.images = [...generation.images, ...kept];
				if (result.usage?.total !== undefined) {
					generation.usage = { total: (generation.usage?.total ?? 0) + result.usage.total };
				}
				this.current = { ...generation };
				this.progress = { done: i + 1, total: requests };
				// Stored as each request's pictures arrive, not only at the end: a reload while the next
				// one is still coming (a dall-e-3 picture takes several seconds) keeps these.
				if (i < requests - 1) void this.#keep({ ...generation }, false);
			}
		});
		clearInterval(clock);
		this.progress = undefined;
		generation.durationMs = Date.now() - started;
		if (generation.images.length) {
			this.current = { ...generation };
			await this.#keep({ ...generation });
		}
		if (outcome.status === 'failed' && !generation.images.length) {
			this.op.retryLater(outcome.error, attempt, (next) => {
				void this.#generate(connection, deployment, family, form, next);
			});
		}
	};

	/** Stores the generation; `show` puts it in the gallery too, once it has ended. */
	#keep = async (generation: Generation, show = true): Promise<void> => {
		try {
			await gallery.save(generation);
			if (show) this.gallery = [generation, ...this.gallery.filter((g) => g.id !== generation.id)];
		} catch (error) {
			const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
			this.storageProblem = quota
				? 'The browser has no room left for more images: delete some from the gallery. These are shown but not kept.'
				: `The images could not be kept: ${(error as Error).message}`;
		}
	};

	remove = async (id: string): Promise<void> => {
		try {
			await gallery.remove(id);
		} catch (error) {
			this.storageProblem = `The picture could not be deleted from this browser's storage: ${(error as Error).message}`;
			return;
		}
		this.gallery = this.gallery.filter((g) => g.id !== id);
		if (this.current?.id === id) this.current = undefined;
	};

	removeAll = async (): Promise<void> => {
		try {
			await gallery.clear();
		} catch (error) {
			this.storageProblem = `The gallery could not be cleared from this browser's storage: ${(error as Error).message}`;
			return;
		}
		this.gallery = [];
		this.current = undefined;
	};

	/** The exact request Generate would send, for View code. */
	samples = (): Promise<CodeSamples | undefined> => {
		const connection = this.connection();
		const deployment = this.deployment.trim();
		return codeFor(
			connection && deployment
				? {
						connection,
						operation: 'images/generations',
						deployment,
						body: buildImageBody(this.family, this.form)
					}
				: undefined
		);
	};
}
