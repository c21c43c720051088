// The user's settings (hyperplaneLens.* in the editor, --config FILE in the CLI), normalised from untrusted
// JSON: anything malformed falls back to the default instead of being cast.

import type { Severity } from '../syntax/text';

export interface Settings {
  readonly enable: boolean;
  readonly region: string;
  readonly severity: Readonly<Record<string, Severity | 'off'>>;
  readonly disabledRules: readonly string[];
  readonly suppressions: readonly { readonly rule: string; readonly resource: string }[];
  readonly varFiles: readonly string[];
  /** The SAM CLI configuration environment read from samconfig files (`sam deploy --config-env`). */
  readonly samConfigEnv: string;
  readonly eniQuotaPerVpc: number;
  readonly unsupportedAvailabilityZones: readonly string[];
  readonly trace: 'off' | 'messages' | 'verbose';
}

export const defaultSettings: Settings = {
  enable: true,
  region: '',
  severity: {},
  disabledRules: [],
  suppressions: [],
  varFiles: [],
  samConfigEnv: 'default',
  eniQuotaPerVpc: 500,
  unsupportedAvailabilityZones: [],
  trace: 'off',
};

const severities = new Set(['error', 'warning', 'information', 'hint', 'off']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The keys of the hyperplaneLens.* settings (package.json contributes.configuration), without the prefix. */
const SETTING_KEYS = new Set(['enable', 'region', 'rules.severity', 'rules.disabled', 'suppressions', 'terraform.varFiles', 'sam.configEnv', 'eniQuotaPerVpc', 'unsupportedAvailabilityZones', 'trace.server']);
/** Keys that only the editor reads: in a CLI config file they change nothing. */
const EDITOR_ONLY_KEYS = new Set(['enable', 'trace.server']);

/**
 * What a config file says that the CLI will not use, in words for stderr: unknown keys (a typo such as
 * "rules.disable" would otherwise be dropped in silence) and editor-only ones.
 */
export function configFileNotes(raw: unknown): string[] {
  if (!isRecord(raw)) return ['the config file is not a JSON object: no setting is read from it'];
  const notes: string[] = [];
  const visit = (prefix: string, value: unknown): void => {
    const key = prefix.startsWith('hyperplaneLens.') ? prefix.slice('hyperplaneLens.'.length) : prefix;
    if (isRecord(value) && key !== 'rules.severity' && !SETTING_KEYS.has(key)) {
      const entries = Object.entries(value);
      // An empty object under a key that is no setting nor a group of them (a typo such as "rule.severity": {})
      // would otherwise pass without a word.
      if (entries.length === 0 && prefix !== '' && key !== 'hyperplaneLens' && ![...SETTING_KEYS].some((k) => k.startsWith(`${key}.`))) {
        notes.push(`unknown setting "${prefix}" is ignored`);
      }
      for (const [k, v] of entries) visit(prefix ? `${prefix}.${k}` : k, v);
      return;
    }
    if (!SETTING_KEYS.has(key)) notes.push(`unknown setting "${prefix}" is ignored`);
    else if (EDITOR_ONLY_KEYS.has(key)) notes.push(`setting "${prefix}" applies to the editor only; the CLI ignores it`);
  };
  visit('', raw);
  return notes;
}

/**
 * Accepts both the nested form the editor sends for section "hyperplaneLens" ({ rules: { severity } }) and the
 * flat dotted form of a JSON config file ({ "rules.severity": … } or { "hyperplaneLens.rules.severity": … }).
 */
export function normaliseSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return defaultSettings;
  const flat = new Map<string, unknown>();
  const flatten = (prefix: string, value: unknown): void => {
    if (isRecord(value) && prefix !== 'rules.severity') {
      for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v);
    } else flat.set(prefix, value);
  };
  flatten('', raw);
  const get = (key: string): unknown => flat.get(key) ?? flat.get(`hyperplaneLens.${key}`);
  const severity: Record<string, Severity | 'off'> = {};
  const rawSeverity = get('rules.severity');
  if (isRecord(rawSeverity)) {
    for (const [rule, value] of Object.entries(rawSeverity)) {
      if (typeof value === 'string' && severities.has(value)) severity[rule] = value as Severity | 'off';
    }
  }
  const rawSuppressions = get('suppressions');
  const suppressions = Array.isArray(rawSuppressions)
    ? rawSuppressions.flatMap((s) => (isRecord(s) && typeof s.rule === 'string' && typeof s.resource === 'string' ? [{ rule: s.rule, resource: s.resource }] : []))
    : [];
  const quota = get('eniQuotaPerVpc');
  const samEnv = get('sam.configEnv');
  const trace = get('trace.server');
  const enable = get('enable');
  const region = get('region');
  return {
    enable: typeof enable === 'boolean' ? enable : true,
    region: typeof region === 'string' ? region.trim() : '',
    severity,
    disabledRules: strings(get('rules.disabled')),
    suppressions,
    varFiles: strings(get('terraform.varFiles')),
    samConfigEnv: typeof samEnv === 'string' && samEnv.trim() !== '' ? samEnv.trim() : 'default',
    eniQuotaPerVpc: typeof quota === 'number' && Number.isFinite(quota) && quota >= 1 ? Math.floor(quota) : 500,
    unsupportedAvailabilityZones: strings(get('unsupportedAvailabilityZones')),
    trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
  };
}
