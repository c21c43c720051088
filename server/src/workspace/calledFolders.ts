// Local modules outside the folders read: `module "sg" { source = "../../shared/sg" }` in the folder the user
// opened or named. Terraform reads a called folder wherever it lies, so the CLI and the language server read
// it too, and then what it calls in turn, rather than report "no .tf files" for a folder that has them.

import type { AnalysisSession } from './analysisSession';
import { readModuleFolders, type ReadResult } from './diskReader';

/** How many rounds of calls are followed (a chain of modules each calling the next one outside). */
const MAX_ROUNDS = 32;

/**
 * Reads the called folders the session misses, round after round until none is left, handing each read to
 * `take` (which puts the files into the session: the server keeps open documents' text). Returns the folders
 * read this time. A folder that holds no Terraform file stays missing, and the front end says so at the call.
 * `tried`: folders looked at before (the server keeps it across analyses), not looked at again unless they held
 * nothing: a folder the user has not created yet (or not filled) is looked at again the next time, so the call's
 * warning goes once its files exist, without a restart.
 */
export async function readCalledFolders(session: AnalysisSession, take: (read: ReadResult) => void, tried = new Set<string>()): Promise<string[]> {
  const now: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const dirs = session.calledFoldersMissing().filter((dir) => !tried.has(dir));
    if (dirs.length === 0) break;
    for (const dir of dirs) tried.add(dir);
    now.push(...dirs);
    take(await readModuleFolders(dirs));
  }
  const read = now.filter((dir) => session.filesUnder(dir).length > 0);
  for (const dir of now) if (!read.includes(dir)) tried.delete(dir);
  return read;
}
