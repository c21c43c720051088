// Test helper: a multi-file Terraform fixture (`//- /path` headers) analysed end to end by the real workspace
// session (front end, model, engine), for checks that a front-end fix removes a false finding.

import type { NetworkModel } from '../../../../server/src/model/network';
import type { AnalysisResult } from '../../../../server/src/analysis/types';
import type { Problem } from '../../../../server/src/model/origin';
import { AnalysisSession } from '../../../../server/src/workspace/analysisSession';

export interface EngineRun {
  readonly model: NetworkModel;
  readonly result: AnalysisResult;
  readonly problems: readonly Problem[];
  /** `RULE address-of-subject` per finding, sorted. */
  readonly findings: readonly string[];
}

export function analyseFixture(text: string, region = 'us-east-1'): EngineRun {
  const session = new AnalysisSession({ region });
  for (const chunk of text.split(/^\/\/- /m).slice(1)) {
    const nl = chunk.indexOf('\n');
    session.setFile(chunk.slice(0, nl).trim(), chunk.slice(nl + 1));
  }
  const a = session.analyze();
  const findings = a.result.findings.map((f) => `${f.rule} ${a.model.get(f.subject)?.address ?? f.subject}`).sort();
  return { model: a.model, result: a.result, problems: a.problems, findings };
}
