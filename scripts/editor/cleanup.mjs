// Clean-up steps (stop the browser, the editor server, remove temporary folders) that run once: at the
// end of a script, or on Ctrl-C/SIGTERM, since the editor server lives in its own process group.
export class Cleanups {
  #steps = [];
  #ran = false;

  constructor() {
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        console.error(`\n${signal}: stopping everything started…`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }

  /** Steps run in reverse order of registration (the browser closes before the server stops). */
  add(step) {
    this.#steps.unshift(step);
  }

  async run() {
    if (this.#ran) return;
    this.#ran = true;
    for (const step of this.#steps) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
