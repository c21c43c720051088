// ELK in a Web Worker for the topology panel: the layout of a big picture (up to 1.5 s at 10,000 resources)
// runs off the webview's thread, which keeps painting and answering the user meanwhile. A newer layout stops
// the worker of an older one (its answer would be thrown away) and starts a fresh one.

import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { ElkEngine } from '../../server/src/ide/diagram/elkLayout';
import elkWorkerSource from './elkWorkerSource';

/** Why a layout ended without a result: a newer one replaced it (not an error to show). */
export class LayoutSuperseded extends Error {
  constructor() {
    super('superseded by a newer layout');
    this.name = 'LayoutSuperseded';
  }
}

type ElkInstance = InstanceType<typeof ELK>;

interface Running {
  readonly reject: (error: Error) => void;
}

export class WorkerElk implements ElkEngine {
  /**
   * ELK's worker script as a blob: URL, made once. A blob because the page has no same-origin script file to
   * start a worker from: a webview's resources are served from another origin than the page, and the CLI's
   * HTML export is one file. The panel's CSP allows it with `worker-src blob:` and nothing wider.
   */
  private url: string | undefined;
  private elk: ElkInstance | undefined;
  /** The worker `elk` talks to (an error from a stopped one is old news). */
  private current: Worker | undefined;
  private running: Running | undefined;

  /** Starts the worker ahead of the first layout: ELK's script compiles there while the diagram is on its way. */
  start(): void {
    try {
      this.instance();
    } catch {
      // The first layout reports it.
    }
  }

  layout(graph: ElkNode): Promise<ElkNode> {
    if (this.running) this.stop(new LayoutSuperseded());
    return new Promise<ElkNode>((resolve, reject) => {
      let elk: ElkInstance;
      try {
        elk = this.instance();
      } catch (error) {
        reject(new Error(`the layout worker could not start: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      const running: Running = { reject };
      this.running = running;
      elk.layout(graph).then(
        (laid) => {
          if (this.running !== running) return;
          this.running = undefined;
          resolve(laid);
        },
        (error: unknown) => {
          if (this.running !== running) return;
          this.running = undefined;
          // ELK's errors cross from the worker as plain objects.
          const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
          reject(error instanceof Error ? error : new Error(message));
        },
      );
    });
  }

  private instance(): ElkInstance {
    if (this.elk) return this.elk;
    const url = (this.url ??= URL.createObjectURL(new Blob([elkWorkerSource], { type: 'text/javascript' })));
    this.elk = new ELK({
      workerFactory: () => {
        const worker = new Worker(url, { name: 'elk-layout' });
        // elkjs listens for answers only: a script that fails to load or throws would leave the layout waiting.
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          if (this.current === worker) this.stop(new Error(`the layout worker failed: ${event.message || 'script error'}`));
        });
        this.current = worker;
        return worker;
      },
    });
    return this.elk;
  }

  /** Stops the worker and the layout it runs; the next layout starts a new one. */
  private stop(reason: Error): void {
    const running = this.running;
    this.running = undefined;
    this.elk?.terminateWorker();
    this.elk = undefined;
    this.current = undefined;
    running?.reject(reason);
  }
}
