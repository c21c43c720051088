// Hovering a reference to an object AWS creates with a VPC (`aws_vpc.v.default_security_group_id`,
// `.default_route_table_id`) anywhere on the traversal says what it is and that AWS creates it.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { tfFixture } from './tfFixture';

describe('hover of AWS-created VPC defaults (Terraform)', () => {
  const { view } = tfFixture(`
//- /w/main.tf
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_instance" "i" {}
resource "aws_sqs_queue" "q" {
  tags = {
    SG  = aws_vpc.v.default_security_group_id
    RT  = aws_vpc.v.default_route_table_id
    IP  = aws_instance.i.private_ip
  }
}
`);
  const out = readTerraform(view, { region: 'us-east-1' });
  const text = view.text('/w/main.tf') ?? '';
  const hoverAt = (needle: string, delta: number) => out.index.hover('/w/main.tf', text.indexOf(needle) + delta);

  it('explains the default security group and the main route table, from any part of the traversal', () => {
    const sg = hoverAt('aws_vpc.v.default_security_group_id', 'aws_vpc.v.default_'.length);
    assert.equal(sg?.text, 'aws_vpc.v.default_security_group_id');
    assert.equal(sg?.value, undefined);
    assert.equal(sg?.unknownReason, 'the id of the default security group AWS creates with aws_vpc.v, known after apply');
    const rt = hoverAt('aws_vpc.v.default_route_table_id', 2);
    assert.equal(rt?.unknownReason, 'the id of the main route table AWS creates with aws_vpc.v, known after apply');
    assert.deepEqual(out.index.definition('/w/main.tf', text.indexOf('default_route_table_id') + 3).map((l) => text.slice(l.span.start, l.span.end)), ['"v"']);
  });

  it('keeps other computed attributes as the reference they are', () => {
    assert.equal(hoverAt('aws_instance.i.private_ip', 'aws_instance.i.pr'.length)?.value, 'aws_instance.i.private_ip');
  });
});
