/**
 * True from the first time `condition` holds, for good; for a component to call while it is
 * set up. Ask's message and choice views use it to know a reply streamed while they were there.
 */
export function latch(condition: () => boolean): { readonly value: boolean } {
	let seen = $state(false);
	$effect.pre(() => {
		if (condition()) seen = true;
	});
	return {
		get value() {
			return seen;
		}
	};
}
