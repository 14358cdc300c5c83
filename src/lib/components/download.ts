/** Saves text (or a blob) as a file through the browser's download, with nothing sent anywhere. */
export function download(name: string, type: string, content: string | Blob): void {
	const url = URL.createObjectURL(
		content instanceof Blob ? content : new Blob([content], { type })
	);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
