// The analysis pipeline over a changing set of files: text → syntax trees (cached per file) → front ends →
// model → reachability and findings. The workspace is split into independent units (workspace/units.ts):
// an edit re-runs the front end, model and analysis of its own unit only; the results are merged.
// Used by the language server (fed by open buffers and a disk scan) and by the CLI (fed by a folder walk).
// Pure: it never reads the disk itself.

import { analyze } from '../analysis/analyze';
import type { AnalysisResult, FunctionReport, HyperplaneEni, Finding } from '../analysis/types';
import { readCloudFormation, looksLikeTemplate } from '../frontends/cloudformation/index';
import { parseSamConfigToml } from '../frontends/cloudformation/samConfig';
import { serverlessNotice } from './serverlessFramework';
import { readTerraform } from '../frontends/terraform/index';
import { buildModel } from '../model/build';
import type { NetworkModel } from '../model/network';
import type { Problem } from '../model/origin';
import type { FrontendOutput } from '../model/types';
import { cfnAdapter, type FrontendIndex } from '../ide/navigation';
import { fileKind, isHclKind } from './fileKinds';
import { MergedModel } from './mergedModel';
import { ParseCache } from './parseCache';
import { PerText } from './perText';
import { SourceSnapshot } from './sourceSnapshot';
import type { LineIndex } from '../syntax/text';
import { dirname, fileReadPaths, localModuleCalls, mayReadFiles, looksLikePlan, planUnits, templateLinks, type TemplateLinks, type UnitPlan } from './units';
import { override } from '../model/override';

/** Syntax problems listed per file; the rest are counted in one more problem. */
const MAX_SYNTAX_PROBLEMS = 100;

export interface SessionOptions {
  readonly region?: string;
  readonly varFiles?: readonly string[];
  /** A plan or state JSON named by the user (`--plan`): it wins over others found in a root folder. */
  readonly planFile?: string;
  readonly eniQuotaPerVpc?: number;
  readonly unsupportedAvailabilityZones?: readonly string[];
  /** The SAM CLI configuration environment read from samconfig.toml (`sam deploy --config-env`); `default` when absent. */
  readonly samConfigEnv?: string;
}

export interface WorkspaceAnalysis {
  /** Increases with every analysis of this session. */
  readonly generation: number;
  readonly model: NetworkModel;
  readonly result: AnalysisResult;
  /** Syntax problems of every file, front-end problems and analysis problems (not findings). */
  readonly problems: readonly Problem[];
  readonly snapshot: SourceSnapshot;
  /** The editor index (hover values, definitions, references, symbols) of the unit that reads the file. */
  indexFor(file: string): FrontendIndex | undefined;
  /**
   * The stacks of the units that read the file (its root module, or its template and those it nests), empty
   * when no unit reads it: a file that declares nothing (variables.tf) still belongs to its root module.
   */
  stacksOf(file: string): readonly string[];
  /**
   * The models of the units that read the file, in the merged model's order: only they can hold objects
   * declared in it. A unit's model is the same object from one analysis to the next until a file it reads
   * changes, so the editor keys per-unit indexes on it.
   */
  unitModelsOf(file: string): readonly NetworkModel[];
  /** Milliseconds per stage; `units` counts the units re-analysed. */
  readonly timings: Readonly<Record<string, number>>;
}

interface UnitResult {
  readonly fingerprint: string;
  readonly plan: UnitPlan;
  readonly output: FrontendOutput;
  readonly model: NetworkModel;
  readonly result: AnalysisResult;
  readonly index: FrontendIndex;
}

export class AnalysisSession {
  private readonly texts = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private readonly cache = new ParseCache();
  private readonly templateCheck = new PerText<boolean>();
  private readonly planCheck = new PerText<boolean>();
  private readonly calls = new PerText<readonly string[]>();
  private readonly reads = new PerText<readonly string[]>();
  private readonly links = new PerText<TemplateLinks>();
  private readonly syntaxProblems = new PerText<readonly Problem[]>();
  private readonly lineIndexes = new PerText<LineIndex>();
  private units = new Map<string, UnitResult>();
  /** Files changed since the last analysis. */
  private readonly dirty = new Set<string>();
  private plans: readonly UnitPlan[] | undefined;
  private plannedPaths: readonly string[] | undefined;
  private readonly facts = new Map<string, string>();
  private sortedPaths: string[] | undefined;
  private generation = 0;
  private optionsVersion = 0;
  private last: WorkspaceAnalysis | undefined;

  constructor(private options: SessionOptions = {}) {}

  setOptions(options: SessionOptions): void {
    this.options = options;
    this.plans = undefined; // var files are part of the plans
    this.optionsVersion++;
    this.last = undefined;
  }

  /** Adds, changes (text) or removes (undefined) a file. Files of kinds we never read are ignored. */
  setFile(path: string, text: string | undefined): void {
    if (fileKind(path) === undefined) return;
    if (text === undefined) {
      if (this.texts.delete(path)) this.sortedPaths = undefined;
      this.cache.forget(path);
      // A removed file's cached facts would keep its text alive.
      for (const facts of [this.templateCheck, this.planCheck, this.calls, this.reads, this.links, this.syntaxProblems, this.lineIndexes]) facts.forget(path);
    } else {
      if (this.texts.get(path) === text) return;
      if (!this.texts.has(path)) this.sortedPaths = undefined;
      this.texts.set(path, text);
    }
    this.versions.set(path, (this.versions.get(path) ?? 0) + 1);
    this.dirty.add(path);
    this.last = undefined;
  }

  /** Whether a file or option changed since the last analysis. */
  get stale(): boolean {
    return this.last === undefined;
  }

  hasFile(path: string): boolean {
    return this.texts.has(path);
  }

  /**
   * Folders that the Terraform files held call as local modules (`source = "../shared/sg"`) but from which no
   * file is held: outside the folders that were read. Terraform reads a called folder wherever it lies, so
   * the CLI and the server read these too (workspace/calledFolders.ts). Parses what it has to (cached).
   */
  calledFoldersMissing(): string[] {
    this.sortedPaths ??= [...this.texts.keys()].sort();
    const snapshot = new SourceSnapshot(this.sortedPaths, this.texts, this.cache, this.lineIndexes);
    const held = new Set<string>();
    for (const p of this.sortedPaths) held.add(dirname(p));
    const missing = new Set<string>();
    for (const p of this.sortedPaths) {
      if (fileKind(p) !== 'terraform') continue;
      for (const dir of this.moduleCalls(p, snapshot)) if (!held.has(dir)) missing.add(dir);
    }
    return [...missing].sort();
  }

  /** The files held under folder `dir` (at any depth). */
  filesUnder(dir: string): string[] {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const out: string[] = [];
    for (const path of this.texts.keys()) if (path.startsWith(prefix)) out.push(path);
    return out;
  }

  get fileCount(): number {
    return this.texts.size;
  }

  /** The latest analysis, recomputed (for the changed units only) if a file or option changed since. */
  analyze(): WorkspaceAnalysis {
    if (this.last) return this.last;
    const timings: { units: number; [stage: string]: number } = { units: 0 };
    const time = <T>(stage: string, run: () => T): T => {
      const start = performance.now();
      const value = run();
      timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
      return value;
    };
    this.sortedPaths ??= [...this.texts.keys()].sort();
    const snapshot = new SourceSnapshot(this.sortedPaths, this.texts, this.cache, this.lineIndexes);
    const problems: Problem[] = [];
    time('parse', () => this.collectSyntaxProblems(snapshot, problems));
    for (const path of snapshot.paths) {
      const text = path.endsWith('.yml') || path.endsWith('.yaml') ? snapshot.text(path) : undefined;
      const notice = text === undefined ? undefined : serverlessNotice(path, text, (p) => this.texts.has(p));
      if (notice !== undefined) problems.push(notice);
    }
    const plans = time('plan', () => this.currentPlans(snapshot));
    const next = new Map<string, UnitResult>();
    for (const plan of plans) {
      const cached = this.units.get(plan.key);
      // Fast path: nothing this unit reads changed since its last run.
      if (cached && cached.plan === plan && !plan.paths.some((p) => this.dirty.has(p)) && cached.fingerprint.startsWith(`${this.optionsVersion}|`)) {
        next.set(plan.key, cached);
        continue;
      }
      const fingerprint = `${this.optionsVersion}|${plan.paths.map((p) => `${p}@${this.versions.get(p) ?? 0}`).join('|')}`;
      if (cached && cached.fingerprint === fingerprint) {
        next.set(plan.key, override(cached, { plan }));
        continue;
      }
      timings.units++;
      next.set(plan.key, this.runUnit(plan, fingerprint, time));
    }
    this.dirty.clear();
    this.units = next;
    const parts = [...next.values()];
    for (const unit of parts) problems.push(...unit.output.problems, ...unit.result.problems);
    // The CloudFormation front end forwards its readers' problems; keep each problem once.
    const seen = new Set<string>();
    const unique = problems.filter((p) => {
      const key = `${p.code}|${p.file}|${p.span.start}|${p.span.end}|${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const only = parts.length === 1 ? parts[0] : undefined;
    const model = time('merge', () => (only ? only.model : new MergedModel(parts.map((u) => ({ model: u.model, stacks: u.output.stacks })))));
    const result: AnalysisResult =
      only
        ? only.result
        : {
            functions: parts.flatMap((u): readonly FunctionReport[] => u.result.functions),
            enis: parts.flatMap((u): readonly HyperplaneEni[] => u.result.enis),
            findings: parts.flatMap((u): readonly Finding[] => u.result.findings),
            problems: parts.flatMap((u) => u.result.problems),
          };
    const readers = new Map<string, UnitResult[]>();
    for (const unit of parts) {
      for (const p of unit.plan.paths) {
        const list = readers.get(p);
        if (list) list.push(unit);
        else readers.set(p, [unit]);
      }
    }
    this.generation++;
    this.last = {
      generation: this.generation,
      model,
      result,
      problems: unique,
      snapshot,
      timings,
      indexFor: (file) => readers.get(file)?.[0]?.index,
      stacksOf: (file) => (readers.get(file) ?? []).flatMap((u) => u.output.stacks),
      unitModelsOf: (file) => (readers.get(file) ?? []).map((u) => u.model),
    };
    return this.last;
  }

  private runUnit(plan: UnitPlan, fingerprint: string, time: <T>(stage: string, run: () => T) => T): UnitResult {
    const view = new SourceSnapshot(plan.paths, this.texts, this.cache);
    const region = this.options.region || undefined;
    let output: FrontendOutput;
    let index: FrontendIndex;
    if (plan.frontend === 'terraform') {
      const tf = time('terraform', () => readTerraform(view, { region, varFiles: this.options.varFiles ?? [], roots: [plan.root], ...(this.options.planFile !== undefined ? { planFile: this.options.planFile } : {}) }));
      output = tf;
      index = tf.index;
    } else {
      const cfn = time('cloudformation', () => readCloudFormation(view, { region, ...(this.options.samConfigEnv !== undefined ? { samConfigEnv: this.options.samConfigEnv } : {}) }));
      output = cfn;
      index = cfnAdapter(cfn.index);
    }
    const model = time('model', () => buildModel([output], { region }));
    const result = time('analysis', () =>
      analyze(model, {
        eniQuotaPerVpc: this.options.eniQuotaPerVpc ?? 500,
        unsupportedAvailabilityZones: this.options.unsupportedAvailabilityZones ?? [],
      }),
    );
    return { fingerprint, plan, output, model, result, index };
  }

  /**
   * The unit plans, re-planned only when the file set changed or a changed file's structural facts (its
   * module calls, whether it is a template or a plan, its template links) changed; an edit inside a block
   * keeps the plans, so only its own unit re-runs.
   */
  private currentPlans(snapshot: SourceSnapshot): readonly UnitPlan[] {
    const factsOf = (p: string): string => {
      const kind = fileKind(p);
      if (kind === 'terraform') return `${this.moduleCalls(p, snapshot).join(',')}|${this.fileReadsOf(p, snapshot).join(',')}`;
      if (kind !== 'data') return '';
      const links = this.templateLinksOf(p);
      return `${this.isTemplate(p)}|${p.endsWith('.json') && this.isPlan(p)}|${links.nestedFileNames.join(',')}|${links.imports}|${links.exports}`;
    };
    if (this.plans && this.plannedPaths === snapshot.paths && [...this.dirty].every((p) => this.facts.get(p) === factsOf(p))) return this.plans;
    this.plans = planUnits({
      paths: snapshot.paths,
      moduleCalls: (p) => this.moduleCalls(p, snapshot),
      isTemplate: (p) => this.isTemplate(p),
      templateLinks: (p) => this.templateLinksOf(p),
      isPlan: (p) => p.endsWith('.json') && this.isPlan(p),
      fileReads: (p) => this.fileReadsOf(p, snapshot),
      sharedPaths: (this.options.varFiles ?? []).filter((p) => this.texts.has(p)),
    });
    this.plannedPaths = snapshot.paths;
    this.facts.clear();
    for (const p of snapshot.paths) this.facts.set(p, factsOf(p));
    return this.plans;
  }

  private moduleCalls(path: string, snapshot: SourceSnapshot): readonly string[] {
    const text = this.texts.get(path);
    if (text === undefined) return [];
    return this.calls.get(path, text, () => {
      const file = snapshot.hcl(path);
      return file ? localModuleCalls(path, file) : [];
    });
  }

  /** The files a Terraform file's file()/templatefile() calls name, so an edit to one re-analyses its readers. */
  private fileReadsOf(path: string, snapshot: SourceSnapshot): readonly string[] {
    const text = this.texts.get(path);
    // Most files call no file function: a scan of the text spares them the syntax walk.
    if (text === undefined || !mayReadFiles(text)) return [];
    return this.reads.get(path, text, () => {
      const file = snapshot.hcl(path);
      return file ? fileReadPaths(path, file) : [];
    });
  }

  private templateLinksOf(path: string): TemplateLinks {
    const text = this.texts.get(path) ?? '';
    return this.links.get(path, text, () => templateLinks(text));
  }

  private isPlan(path: string): boolean {
    const text = this.texts.get(path) ?? '';
    return this.planCheck.get(path, text, () => looksLikePlan(text));
  }

  private isTemplate(path: string): boolean {
    const text = this.texts.get(path);
    return text !== undefined && this.templateCheck.get(path, text, () => looksLikeTemplate(text));
  }

  /** Syntax problems of every file we read (Terraform files always, data files when they are templates), cached per text. */
  private collectSyntaxProblems(snapshot: SourceSnapshot, out: Problem[]): void {
    for (const path of snapshot.paths) {
      const text = snapshot.text(path);
      if (text === undefined) continue;
      const problems = this.syntaxProblems.get(path, text, () => {
        const kind = fileKind(path);
        let fileProblems;
        if (kind !== undefined && isHclKind(kind)) fileProblems = snapshot.hcl(path)?.problems;
        else if (kind === 'data' && this.isTemplate(path)) fileProblems = snapshot.data(path)?.problems;
        // A SAM CLI configuration's syntax problems show even when no template uses it (SAM CLI rejects the file).
        else if (kind === 'sam-config') fileProblems = path.toLowerCase().endsWith('.toml') ? parseSamConfigToml(text).problems : snapshot.data(path)?.problems;
        const all = fileProblems ?? [];
        const shown = all.slice(0, MAX_SYNTAX_PROBLEMS).map((p): Problem => ({ code: p.code, severity: p.severity, message: p.message, file: path, span: p.span }));
        // One broken construct can cascade into thousands (50,000 unclosed brackets): the first ones locate it, and
        // the Problems view and the LSP payload stay usable.
        const last = all[all.length - 1];
        if (all.length > MAX_SYNTAX_PROBLEMS && last) {
          shown.push({ code: last.code, severity: last.severity, message: `${all.length - MAX_SYNTAX_PROBLEMS} more syntax errors in this file are not listed (the first ${MAX_SYNTAX_PROBLEMS} are).`, file: path, span: last.span });
        }
        return shown;
      });
      for (const p of problems) out.push(p);
    }
  }
}
