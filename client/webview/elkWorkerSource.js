// ELK's worker script (elkjs's elk-worker.min.js) as text, for the Web Worker the panel lays out in
// (layoutWorker.ts). JavaScript because TypeScript with CommonJS output rejects import attributes; esbuild
// reads `type: 'text'` with no configuration, so every bundle of the webview (build.mjs, the tests) gets it.
import source from 'elkjs/lib/elk-worker.min.js' with { type: 'text' };

export default source;
