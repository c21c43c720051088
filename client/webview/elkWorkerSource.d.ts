// Types of elkWorkerSource.js: ELK's worker script as text.
declare const source: string;
export default source;
