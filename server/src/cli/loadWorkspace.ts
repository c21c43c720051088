// Reads the paths given on the command line, applies the settings, and runs the analysis once.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { filterFindings, type EffectiveFinding } from '../ide/findingFilter';
import { normaliseSettings, type Settings } from '../ide/settings';
import type { Problem } from '../model/origin';
import { AnalysisSession, type WorkspaceAnalysis } from '../workspace/analysisSession';
import { readSourceFile, readWorkspace, toModelPath } from '../workspace/diskReader';
import { UsageError } from './args';

export interface CliInputs {
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly region?: string;
  readonly varFiles: readonly string[];
  readonly planFile?: string;
  readonly onProgress?: (read: number) => void;
}

export interface LoadedWorkspace {
  readonly analysis: WorkspaceAnalysis;
  readonly findings: readonly EffectiveFinding[];
  readonly notices: readonly Problem[];
  readonly settings: Settings;
  readonly cwd: string;
}

export async function loadSettings(configFile: string | undefined): Promise<Settings> {
  if (!configFile) return normaliseSettings({});
  let raw: string;
  try {
    raw = await fs.readFile(configFile, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file '${configFile}': ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return normaliseSettings(JSON.parse(raw) as unknown);
  } catch (error) {
    throw new UsageError(`config file '${configFile}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function loadWorkspace(inputs: CliInputs): Promise<LoadedWorkspace> {
  for (const p of inputs.paths) {
    try {
      await fs.access(p);
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
  }
  const base = await loadSettings(inputs.configFile);
  const settings: Settings = {
    ...base,
    region: inputs.region ?? base.region,
    varFiles: [...base.varFiles, ...inputs.varFiles.map((f) => toModelPath(f))],
  };
  const { files, notices } = await readWorkspace(inputs.paths, { onProgress: inputs.onProgress });
  for (const extra of [...inputs.varFiles, ...(inputs.planFile ? [inputs.planFile] : [])]) {
    const read = await readSourceFile(extra);
    if (read?.text === undefined) throw new UsageError(`cannot read '${extra}'`);
    files.set(toModelPath(extra), read.text);
  }
  const session = new AnalysisSession({
    region: settings.region || undefined,
    varFiles: settings.varFiles,
    eniQuotaPerVpc: settings.eniQuotaPerVpc,
    unsupportedAvailabilityZones: settings.unsupportedAvailabilityZones,
  });
  for (const [file, text] of files) session.setFile(file, text);
  const analysis = session.analyze();
  const findings = filterFindings(analysis.result.findings, settings, analysis.model, (f) => analysis.snapshot.text(f));
  return { analysis, findings, notices, settings, cwd: toModelPath(process.cwd()) };
}

export function defaultPaths(): string[] {
  return [path.resolve('.')];
}
