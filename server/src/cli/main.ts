// The hyperplane-lens command line: `check` (text, JSON, SARIF), `explain` and `diagram`, over the same
// core as the editor. Exit codes: 0 no finding at or above the threshold, 1 findings, 2 usage error or crash.

import { parseArgs, flag, UsageError, type FlagSpec, type ParsedArgs } from './args';
import { loadWorkspace, defaultPaths, type LoadedWorkspace } from './loadWorkspace';
import { buildJsonReport, type JsonReport } from '../ide/report';
import { renderText } from './textReport';
import { fingerprintSubjects, MAX_SARIF_RESULTS, renderSarif } from './sarifReport';
import { writeOutput } from './writeOutput';
import { explainText } from './explainCommand';
import { diagramCommand } from './diagramCommand';
import { VERSION, helpText } from './help';

const common: FlagSpec[] = [
  { name: 'help', value: false },
  { name: 'config', value: true },
  { name: 'region', value: true },
  { name: 'var-file', value: true, repeatable: true },
  { name: 'sam-config-env', value: true },
  { name: 'plan', value: true },
];

const commands: Record<string, FlagSpec[]> = {
  check: [
    ...common,
    { name: 'format', value: true, choices: ['text', 'json', 'sarif'] },
    { name: 'output', value: true },
    { name: 'severity-threshold', value: true, choices: ['error', 'warning', 'information', 'hint', 'none'] },
    { name: 'no-color', value: false },
  ],
  explain: [...common, { name: 'to', value: true }, { name: 'path', value: true, repeatable: true }],
  diagram: [...common, { name: 'out', value: true }],
};

const rank = { error: 3, warning: 2, information: 1, hint: 0 } as const;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(helpText(rest[0]));
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const specs = commands[command];
  if (!specs) throw new UsageError(`unknown command '${command}' (expected check, explain or diagram)`);
  const args = parseArgs(rest, specs);
  if (args.flags.has('help')) {
    process.stdout.write(helpText(command));
    return 0;
  }
  switch (command) {
    case 'check':
      return check(args);
    case 'explain':
      return explainText(args, load);
    default:
      return diagramCommand(args, load);
  }
}

async function load(args: ParsedArgs, paths: readonly string[]): Promise<LoadedWorkspace> {
  const progress = process.stderr.isTTY
    ? (read: number): void => {
        process.stderr.write(`\rreading files… ${read}`);
      }
    : undefined;
  const loaded = await loadWorkspace({
    paths: paths.length > 0 ? paths : defaultPaths(),
    configFile: flag(args, 'config'),
    region: flag(args, 'region'),
    varFiles: args.flags.get('var-file') ?? [],
    samConfigEnv: flag(args, 'sam-config-env'),
    planFile: flag(args, 'plan'),
    onProgress: progress,
  });
  if (progress) process.stderr.write('\r\x1b[K');
  for (const line of loaded.skipped) process.stderr.write(`hyperplane-lens: notice: ${line}\n`);
  return loaded;
}

async function check(args: ParsedArgs): Promise<number> {
  const loaded = await load(args, args.positionals);
  const report: JsonReport = buildJsonReport(loaded.analysis, loaded.findings, loaded.notices, loaded.cwd, loaded.reported);
  const format = flag(args, 'format') ?? 'text';
  const output = flag(args, 'output');
  let text: string;
  if (format === 'json') text = JSON.stringify(report, null, 2) + '\n';
  else if (format === 'sarif') {
    const subjects = fingerprintSubjects(loaded.findings, loaded.cwd, (f) => loaded.analysis.model.get(f.subject)?.address ?? f.subject);
    text = JSON.stringify(renderSarif(report, VERSION, subjects, { cwd: loaded.cwd }), null, 2) + '\n';
  }
  else text = renderText(report, { colour: !output && process.stdout.isTTY === true && !args.flags.has('no-color') && !process.env.NO_COLOR });
  if (format === 'sarif' && report.diagnostics.length > MAX_SARIF_RESULTS) {
    process.stderr.write(`hyperplane-lens: notice: ${report.diagnostics.length} results; the SARIF log keeps the ${MAX_SARIF_RESULTS} most severe (GitHub code scanning rejects more)\n`);
  }
  if (output) await writeOutput(output, text);
  else process.stdout.write(text);
  const threshold = flag(args, 'severity-threshold') ?? 'error';
  if (threshold === 'none') return 0;
  const min = rank[threshold as keyof typeof rank];
  return report.diagnostics.some((d) => rank[d.severity] >= min) ? 1 : 0;
}

/** Runs the CLI on process.argv and sets the exit code; never throws. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) process.stderr.write(`hyperplane-lens: ${error.message}\n${error.showUsage ? "Run 'hyperplane-lens --help' for usage.\n" : ''}`);
      else process.stderr.write(`hyperplane-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) run();
