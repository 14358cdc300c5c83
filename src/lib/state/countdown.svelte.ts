/** A retry after a 429: counts down the delay Azure named, then runs the retry; cancellable. */
export class Countdown {
	seconds = $state(0);
	attempt = $state(0);
	readonly max: number;
	#timer: ReturnType<typeof setInterval> | undefined;

	constructor(max: number) {
		this.max = max;
	}

	/** Counting down now. */
	get active(): boolean {
		return this.#running;
	}

	#running = $state(false);

	/** Whether another automatic retry is allowed after `attempt` retries. */
	allows(attempt: number): boolean {
		return attempt < this.max;
	}

	start = (seconds: number, attempt: number, retry: () => void): void => {
		this.cancel();
		this.seconds = Math.max(1, Math.ceil(seconds));
		this.attempt = attempt;
		this.#running = true;
		this.#timer = setInterval(() => {
			if (this.seconds > 1) {
				this.seconds--;
				return;
			}
			this.cancel();
			retry();
		}, 1000);
	};

	cancel = (): void => {
		clearInterval(this.#timer);
		this.#timer = undefined;
		this.#running = false;
	};
}
