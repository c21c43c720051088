// Reads the paths given on the command line, applies the settings, and runs the analysis once.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { filterFindings, type EffectiveFinding } from '../ide/findingFilter';
import { configFileNotes, normaliseSettings, type Settings } from '../ide/settings';
import type { Problem } from '../model/origin';
import { AnalysisSession, type WorkspaceAnalysis } from '../workspace/analysisSession';
import { readSourceFile, readWorkspace, toModelPath } from '../workspace/diskReader';
import { readCalledFolders } from '../workspace/calledFolders';
import { fileKind } from '../workspace/fileKinds';
import { looksLikePlanJson, readPlan } from '../frontends/terraform/plan';
import { UsageError } from './args';

export interface CliInputs {
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly region?: string;
  readonly varFiles: readonly string[];
  readonly samConfigEnv?: string;
  readonly planFile?: string;
  readonly onProgress?: (read: number) => void;
}

export interface LoadedWorkspace {
  readonly analysis: WorkspaceAnalysis;
  readonly findings: readonly EffectiveFinding[];
  readonly notices: readonly Problem[];
  readonly settings: Settings;
  readonly cwd: string;
  /** Files left out that the user should hear about on stderr (broken symbolic links, nothing to read); not findings. */
  readonly skipped: readonly string[];
  /**
   * Set when a Terraform file was named on its own: its folder (the module Terraform reads) was analysed, and
   * only what lies in the named files and folders is reported. Takes a model path.
   */
  readonly reported?: (file: string) => boolean;
}

/** The settings of a --config file, and what in it the CLI does not use (for stderr). */
export async function loadSettings(configFile: string | undefined): Promise<{ readonly settings: Settings; readonly notes: readonly string[] }> {
  if (!configFile) return { settings: normaliseSettings({}), notes: [] };
  let raw: string;
  try {
    raw = await fs.readFile(configFile, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file '${configFile}': ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw) as unknown;
  } catch (error) {
    throw new UsageError(`config file '${configFile}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { settings: normaliseSettings(parsed), notes: configFileNotes(parsed).map((note) => `${configFile}: ${note}`) };
}

export async function loadWorkspace(inputs: CliInputs): Promise<LoadedWorkspace> {
  for (const p of inputs.paths) {
    try {
      await fs.access(p);
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
  }
  const { settings: base, notes: configNotes } = await loadSettings(inputs.configFile);
  const settings: Settings = {
    ...base,
    region: inputs.region ?? base.region,
    samConfigEnv: inputs.samConfigEnv ?? base.samConfigEnv,
    varFiles: [...base.varFiles, ...inputs.varFiles.map((f) => toModelPath(f))],
  };
  const scope = await readScope(inputs.paths);
  const { files, notices, brokenLinks } = await readWorkspace(scope.roots, { onProgress: inputs.onProgress });
  for (const extra of [...inputs.varFiles, ...(inputs.planFile ? [inputs.planFile] : [])]) {
    const read = await readSourceFile(extra);
    if (read?.text === undefined) throw new UsageError(`cannot read '${extra}'`);
    if (extra === inputs.planFile) checkPlan(extra, read.text);
    files.set(toModelPath(extra), read.text);
  }
  const skipped = [...configNotes, ...brokenLinks.map((link) => `skipped the broken symbolic link ${shownPath(link.path)} -> ${link.target}`)];
  // A mistyped or empty folder in a CI job would otherwise pass silently with "0 function(s)".
  if (files.size === 0) skipped.push(`no Terraform or CloudFormation/SAM file found under ${inputs.paths.map(shownPath).join(', ')}`);
  const session = new AnalysisSession({
    region: settings.region || undefined,
    varFiles: settings.varFiles,
    samConfigEnv: settings.samConfigEnv,
    // The plan named on the command line wins over plan files found in a root folder.
    ...(inputs.planFile ? { planFile: toModelPath(inputs.planFile) } : {}),
    eniQuotaPerVpc: settings.eniQuotaPerVpc,
    unsupportedAvailabilityZones: settings.unsupportedAvailabilityZones,
  });
  for (const [file, text] of files) session.setFile(file, text);
  // Local modules outside the paths given, read because the code calls them: part of what was named.
  const called = new Set<string>();
  await readCalledFolders(session, (read) => {
    for (const [file, text] of read.files) {
      session.setFile(file, text);
      called.add(file);
    }
    notices.push(...read.notices);
  });
  const analysis = session.analyze();
  const all = filterFindings(analysis.result.findings, settings, analysis.model, (f) => analysis.snapshot.text(f));
  const named = scope.reported;
  const reported = named === undefined ? undefined : (file: string): boolean => named(file) || called.has(file);
  const findings = reported ? all.filter((f) => reported(f.origin.file)) : all;
  return { analysis, findings, notices, settings, cwd: toModelPath(process.cwd()), skipped, ...(reported ? { reported } : {}) };
}

/**
 * What to read for the paths given. Terraform reads a folder, never one file: a .tf or .tf.json file named on
 * its own (as pre-commit hooks pass changed files) is read with its folder, else every reference to a
 * resource of a sibling file is an error; the report then keeps to the named files (and any folder named),
 * and the local modules outside them that the code calls.
 */
async function readScope(paths: readonly string[]): Promise<{ roots: string[]; reported?: (file: string) => boolean }> {
  const roots: string[] = [];
  const named = new Set<string>();
  const folders: string[] = [];
  let widened = false;
  for (const p of paths) {
    const kind = fileKind(toModelPath(p));
    const isFile = (kind === 'terraform' || kind === 'terraform-json') && (await fs.stat(p)).isFile();
    if (isFile) {
      widened = true;
      named.add(toModelPath(p));
      roots.push(path.dirname(path.resolve(p)));
    } else {
      roots.push(p);
      const full = toModelPath(p);
      named.add(full);
      folders.push(full.endsWith('/') ? full : full + '/');
    }
  }
  if (!widened) return { roots: [...paths] };
  return { roots: [...new Set(roots)], reported: (file) => named.has(file) || folders.some((f) => file.startsWith(f)) };
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
    if (problem === undefined) throw new UsageError(`${notPlan}: it has no planned_values.root_module or values.root_module object`);
    // A JSON syntax error reads as one; other reasons (an unsupported format_version) are said as they are.
    const syntax = /cannot be read: (.*)$/.exec(problem);
    throw new UsageError(syntax ? `--plan '${file}' is not valid JSON: ${syntax[1] ?? ''}` : `--plan '${file}': ${problem.replace(`${name} `, '')}`);
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
  if (shown === '') return '.';
  return shown.startsWith('..') || path.isAbsolute(shown) ? link : shown;
}
