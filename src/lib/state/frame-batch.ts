/**
 * Runs `update` at most once per animation frame and at most every `minInterval` ms, however often
 * `schedule` is called: a stream of thousands of tokens becomes a few DOM updates a second.
 */
export function frameBatch(update: () => void, minInterval: number) {
	let frame = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let last = -Infinity;
	const run = () => {
		frame = 0;
		last = performance.now();
		update();
	};
	return {
		schedule(): void {
			if (frame || timer) return;
			const wait = minInterval - (performance.now() - last);
			if (wait <= 0) {
				frame = requestAnimationFrame(run);
				return;
			}
			timer = setTimeout(() => {
				timer = undefined;
				frame = requestAnimationFrame(run);
			}, wait);
		},
		cancel(): void {
			cancelAnimationFrame(frame);
			clearTimeout(timer);
			frame = 0;
			timer = undefined;
		}
	};
}
