// Which root module's installed modules (its `.terraform` folder) a file event concerns, and a debounced queue
// that re-reads each such root module once per burst of events (`terraform init` writes many files at once).

import { isWalkedPath } from './fileKinds';

const dataDir = '/.terraform';
const lockFile = '.lock.hcl';

/**
 * The root module folder that `path` belongs to as its `.terraform` folder, anything under that folder, or its
 * `.terraform.lock.hcl` (which `terraform init` writes into the root module's own folder, a folder the editor
 * already watches, after installing modules). Undefined for every other path, for paths outside
 * `workspaceRoots` and below folders the workspace walk skips (node_modules, .git, …): nothing outside the
 * workspace folders is ever read.
 */
export function installedModulesOwner(path: string, workspaceRoots: readonly string[]): string | undefined {
  let owner: string | undefined;
  for (let at = path.indexOf(dataDir); at >= 0 && owner === undefined; at = path.indexOf(dataDir, at + 1)) {
    const end = at + dataDir.length;
    if (end === path.length || path.charCodeAt(end) === 47 /* '/' */ || path.slice(end) === lockFile) owner = path.slice(0, at);
  }
  return owner !== undefined && isWalkedPath(owner, workspaceRoots) ? owner : undefined;
}

/**
 * Collects root module folders to re-read and calls `rescan` with them once events stop for `quietMs` (at
 * the latest `maxWaitMs` after the first event of a burst, so a long download still shows progress). Never
 * runs two rescans at once: owners requested meanwhile are re-read when the running pass ends.
 */
export class RescanQueue {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private burstStart = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly rescan: (owners: readonly string[]) => Promise<void>,
    private readonly quietMs = 300,
    private readonly maxWaitMs = 2000,
  ) {}

  request(owner: string): void {
    this.pending.add(owner);
    const now = Date.now();
    if (this.timer === undefined) this.burstStart = now;
    else clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.quietMs, this.burstStart + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), delay);
  }

  /** Whether a rescan is waiting or running. */
  get busy(): boolean {
    return this.timer !== undefined || this.running !== undefined || this.pending.size > 0;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    if (this.running !== undefined || this.pending.size === 0) return; // a running pass looks at `pending` when it ends
    const owners = [...this.pending];
    this.pending.clear();
    this.running = this.rescan(owners)
      .catch(() => undefined) // the caller reports its own failures; the queue must keep working
      .then(() => {
        this.running = undefined;
        if (this.timer === undefined) this.flush();
      });
  }
}
