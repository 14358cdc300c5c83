// @ts-check
// The first line that has Chromium compile a whole file as it downloads, on a background thread
// (https://v8.dev/blog/explicit-compile-hints), and the size from which the build adds it to the
// files a page runs as it starts (vite.config.ts, compileHints). tests/e2e/budget.e2e.ts checks
// that every such file a first visit downloads begins with it.
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
// A file of a few functions costs little to compile when called, and the hint adds to what a
// first visit downloads (each file is compressed apart).
export const HINTED_FROM = 4096;
