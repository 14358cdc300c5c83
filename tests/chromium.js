// @ts-check
// How the tests and benchmarks start Debian's Chromium: no browser download, no background traffic.
export const chromiumLaunchOptions = {
	executablePath: '/usr/bin/chromium',
	args: [
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		// Names resolve to nothing but this machine: a page under test cannot reach the internet.
		'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
		// A synthetic microphone, so recording can be tested without hardware or a prompt.
		'--use-fake-device-for-media-stream',
		'--use-fake-ui-for-media-stream',
		// Root (as in CI) cannot use Chromium's sandbox.
		...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])
	]
};
