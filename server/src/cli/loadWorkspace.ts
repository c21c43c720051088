// Reads the paths given on the command line, applies the settings, and runs the analysis once.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { filterFindings, type EffectiveFinding } from '../ide/findingFilter';
import { normaliseSettings, type Settings } from '../ide/settings';
import type { Problem } from '../model/origin';
import { AnalysisSession, type WorkspaceAnalysis } from '../workspace/analysisSession';
import { readSourceFile, readWorkspace, toModelPath } from '../workspace/diskReader';
import { looksLikePlanJson, readPlan } from '../frontends/terraform/plan';
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
  /** Files left out that the user should hear about on stderr (broken symbolic links); not findings. */
  readonly skipped: readonly string[];
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
  const { files, notices, brokenLinks } = await readWorkspace(inputs.paths, { onProgress: inputs.onProgress });
  for (const extra of [...inputs.varFiles, ...(inputs.planFile ? [inputs.planFile] : [])]) {
    const read = await readSourceFile(extra);
    if (read?.text === undefined) throw new UsageError(`cannot read '${extra}'`);
    if (extra === inputs.planFile) checkPlan(extra, read.text);
    files.set(toModelPath(extra), read.text);
  }
  const skipped = brokenLinks.map((link) => `skipped the broken symbolic link ${shownPath(link.path)} -> ${link.target}`);
  const session = new AnalysisSession({
    region: settings.region || undefined,
    varFiles: settings.varFiles,
    eniQuotaPerVpc: settings.eniQuotaPerVpc,
    unsupportedAvailabilityZones: settings.unsupportedAvailabilityZones,
  });
  for (const [file, text] of files) session.setFile(file, text);
  const analysis = session.analyze();
  const findings = filterFindings(analysis.result.findings, settings, analysis.model, (f) => analysis.snapshot.text(f));
  return { analysis, findings, notices, settings, cwd: toModelPath(process.cwd()), skipped };
}

/**
 * --plan names one file on purpose: anything the analysis would not use as a plan is a usage error (exit 2),
 * not a silently ignored input. The same checks as frontends/terraform/plan.ts readPlan, with the reason.
 */
function checkPlan(file: string, text: string): void {
  const name = toModelPath(file);
  if (!name.endsWith('.json') || name.endsWith('.tf.json') || name.endsWith('.tfvars.json')) {
    throw new UsageError(`--plan '${file}' must be the JSON of 'terraform show -json' in a file ending in .json (not .tf.json or .tfvars.json)`);
  }
  const notPlan = `--plan '${file}' is not a Terraform plan or state ('terraform show -json' output)`;
  if (looksLikePlanJson(text)) {
    let problem: string | undefined;
    if (readPlan(name, text, (p) => (problem = p.message)) !== undefined) return;
    throw new UsageError(problem !== undefined ? `--plan '${file}' is not valid JSON: ${problem.replace(/^.*cannot be read: /, '')}` : `${notPlan}: it has no planned_values.root_module or values.root_module object`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--plan '${file}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new UsageError(`${notPlan}: it does not start with an object holding format_version and planned_values or values.root_module`);
}

export function defaultPaths(): string[] {
  return [path.resolve('.')];
}

/** A path inside the working folder relative to it, else absolute. */
function shownPath(link: string): string {
  const shown = path.relative(process.cwd(), link);
  return shown.startsWith('..') || path.isAbsolute(shown) ? link : shown;
}
