// A structural validator for SARIF 2.1.0 as GitHub code scanning reads it: the required properties and
// value domains of the specification's schema for what the CLI emits (log, run, tool, reportingDescriptor,
// result, location, region). Returns the list of violations, empty when valid.

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function sarifViolations(log: Json): string[] {
  const out: string[] = [];
  const need = (cond: boolean, what: string): void => {
    if (!cond) out.push(what);
  };
  if (!isObject(log)) return ['log is not an object'];
  need(log.version === '2.1.0', 'version must be "2.1.0"');
  need(Array.isArray(log.runs), 'runs must be an array');
  for (const [r, run] of (Array.isArray(log.runs) ? log.runs : []).entries()) {
    if (!isObject(run)) {
      out.push(`runs[${r}] is not an object`);
      continue;
    }
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
    need(driver !== undefined && typeof driver.name === 'string' && driver.name.length > 0, `runs[${r}].tool.driver.name is required`);
    const ruleIds = new Set<string>();
    for (const [i, rule] of (Array.isArray(driver?.rules) ? driver.rules : []).entries()) {
      if (!isObject(rule) || typeof rule.id !== 'string') {
        out.push(`rules[${i}].id is required`);
        continue;
      }
      need(!ruleIds.has(rule.id), `rules[${i}].id ${rule.id} is duplicated`);
      ruleIds.add(rule.id);
      if (rule.helpUri !== undefined) need(typeof rule.helpUri === 'string' && /^[a-z]+:\/\//.test(rule.helpUri), `rules[${i}].helpUri must be an absolute URI`);
      if (rule.shortDescription !== undefined) need(isObject(rule.shortDescription) && typeof rule.shortDescription.text === 'string', `rules[${i}].shortDescription.text is required`);
      if (rule.help !== undefined) need(isObject(rule.help) && typeof rule.help.text === 'string', `rules[${i}].help.text is required`);
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : 'warning';
      need(['none', 'note', 'warning', 'error'].includes(String(level)), `rules[${i}].defaultConfiguration.level is invalid`);
    }
    for (const [i, result] of (Array.isArray(run.results) ? run.results : []).entries()) {
      if (!isObject(result)) {
        out.push(`results[${i}] is not an object`);
        continue;
      }
      need(isObject(result.message) && typeof result.message.text === 'string' && result.message.text.length > 0, `results[${i}].message.text is required`);
      need(typeof result.ruleId === 'string' && ruleIds.has(result.ruleId), `results[${i}].ruleId must name a rule of tool.driver.rules`);
      need(['none', 'note', 'warning', 'error'].includes(String(result.level)), `results[${i}].level is invalid`);
      need(Array.isArray(result.locations) && result.locations.length > 0, `results[${i}].locations must not be empty (code scanning needs one)`);
      const list = (v: Json): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
      const locations: Json[] = [...list(result.locations), ...list(result.relatedLocations)];
      for (const loc of locations) {
        const physical = isObject(loc) && isObject(loc.physicalLocation) ? loc.physicalLocation : undefined;
        const uri = physical && isObject(physical.artifactLocation) ? physical.artifactLocation.uri : undefined;
        need(typeof uri === 'string' && uri.length > 0 && !uri.startsWith('/'), `results[${i}] location needs a relative artifactLocation.uri`);
        const region = physical && isObject(physical.region) ? physical.region : undefined;
        need(region !== undefined && Number.isInteger(region.startLine) && (region.startLine as number) >= 1, `results[${i}] region.startLine must be ≥ 1`);
        if (region && region.startColumn !== undefined) need(Number.isInteger(region.startColumn) && (region.startColumn as number) >= 1, `results[${i}] region.startColumn must be ≥ 1`);
      }
      const fp = result.partialFingerprints;
      need(isObject(fp) && Object.values(fp).every((v) => typeof v === 'string'), `results[${i}].partialFingerprints must map to strings`);
    }
  }
  return out;
}
