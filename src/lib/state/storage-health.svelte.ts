import { onStorageUnavailable } from '$lib/storage/stores';

/** Whether this browser keeps what Cerulean stores, for every page to say so. */
class StorageHealth {
	/** Why nothing is kept beyond this tab, when the browser refused its storage. */
	unavailable = $state<string | undefined>(undefined);
	/** The person has read the notice. */
	dismissed = $state(false);

	constructor() {
		onStorageUnavailable((reason) => {
			this.unavailable = reason;
		});
	}
}

export const storageHealth = new StorageHealth();
