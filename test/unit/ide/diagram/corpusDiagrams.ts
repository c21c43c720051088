// Diagrams of real corpus cases (read from /work/shared/corpus or HYPERPLANE_CORPUS, never copied into the
// project), loaded as `hyperplane-lens diagram` loads them, for the readability and grouping tests.

import * as path from 'node:path';
import { loadWorkspace } from '../../../../server/src/cli/loadWorkspace';
import { buildDiagram } from '../../../../server/src/ide/diagram/diagramData';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import type { AnalysisResult } from '../../../../server/src/analysis/types';
import { corpusRoot } from '../../../corpus/corpusCases';

export interface CorpusDiagram {
  readonly model: DiagramModel;
  readonly result: AnalysisResult;
}

/** The diagram of corpus case `name` ("group/case"), as the CLI builds it. */
export async function corpusDiagram(name: string): Promise<CorpusDiagram> {
  const dir = path.join(corpusRoot(), name);
  const loaded = await loadWorkspace({ paths: [dir], varFiles: [] });
  const { analysis } = loaded;
  const model = buildDiagram(analysis.model, analysis.result, { uriOf: (f) => `file://${f}`, textOf: (f) => analysis.snapshot.text(f), version: analysis.generation });
  return { model, result: analysis.result };
}
