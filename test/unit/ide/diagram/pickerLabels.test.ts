// The topology panel's VPC and function pickers: labels several root modules share say their folder (the
// large-workspace audit saw `aws_vpc.batch` listed many times, with nothing to tell them apart).

import * as assert from 'node:assert/strict';
import { pickerOptions } from '../../../../client/webview/pickerLabels';
import type { DiagramNode } from '../../../../server/src/protocol/diagram';

const vpc = (id: string, label: string, folder: string, cidr: string): DiagramNode => ({
  id, kind: 'vpc', label, parent: null, facts: [], detail: cidr, location: { uri: `file:///w/environments/${folder}/network.tf`, line: 0, character: 0 },
});

describe('topology pickers', () => {
  it('adds the folder to labels that several options share, and the CIDR when the folder is shared too', () => {
    const nodes = [vpc('a', 'aws_vpc.batch', 'prod', '10.0.0.0/16'), vpc('b', 'aws_vpc.batch', 'dev', '10.1.0.0/16'), vpc('c', 'aws_vpc.only', 'dev', '10.2.0.0/16'),
      vpc('d', 'aws_vpc.twin', 'x', '10.3.0.0/16'), vpc('e', 'aws_vpc.twin', 'x', '10.4.0.0/16')];
    assert.deepEqual(pickerOptions(nodes, nodes).map((o) => o.label), [
      'aws_vpc.batch — prod', 'aws_vpc.batch — dev', 'aws_vpc.only', 'aws_vpc.twin — x (10.3.0.0/16)', 'aws_vpc.twin — x (10.4.0.0/16)',
    ]);
  });
});
