// A small, strict argument parser for the CLI: known flags only, values checked, clear errors (exit code 2).

export class UsageError extends Error {
  /** `showUsage` false: the command line was right but a file could not be read or written; --help would not help. */
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}

export interface FlagSpec {
  readonly name: string; // without dashes
  readonly value: boolean; // takes a value
  readonly repeatable?: boolean;
  readonly choices?: readonly string[];
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.replace(/^--?/, '').slice(0, eq === -1 ? undefined : eq - (arg.startsWith('--') ? 2 : 1));
    const spec = byName.get(name) ?? (name === 'h' ? byName.get('help') : undefined);
    if (!spec) throw new UsageError(`unknown option '${arg}'`);
    let value = 'true';
    const next = argv[i + 1];
    if (spec.value) {
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      } else throw new UsageError(`option '--${spec.name}' needs a value`);
      if (spec.choices && !spec.choices.includes(value)) {
        throw new UsageError(`option '--${spec.name}' must be one of ${spec.choices.join(', ')} (got '${value}')`);
      }
    } else if (eq !== -1) throw new UsageError(`option '--${spec.name}' takes no value`);
    const list = flags.get(spec.name) ?? [];
    if (list.length > 0 && !spec.repeatable) throw new UsageError(`option '--${spec.name}' given twice`);
    list.push(value);
    flags.set(spec.name, list);
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.[0];
}
