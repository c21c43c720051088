// Box labels of resources inside Terraform modules keep the module's name when cut: in the 10,000-resource
// bench every module function read "…aws_lambda_function.this" in the topology panel (the badge says λ already).

import * as assert from 'node:assert/strict';
import { fitAddress, textWidth } from '../../../../server/src/ide/diagram/diagramMetrics';

const fits = (text: string): number => textWidth(text, 12) + 0.5;

describe('diagram labels of module resources', () => {
  it('leave out the resource type and keep the module and the name', () => {
    const room = fits('…aws_lambda_function.this');
    assert.equal(fitAddress('module.fn_core_0.aws_lambda_function.this', 12, room), 'module.fn_core_0.…this');
    const drawn = ['module.fn_core_0', 'module.fn_data_1', 'module.fn_edge_2'].map((m) => fitAddress(`${m}.aws_lambda_function.this`, 12, room));
    assert.equal(new Set(drawn).size, 3, drawn.join(' | '));
  });

  it('keeps the innermost module of a nested one, cut at its start when the whole path does not fit', () => {
    assert.equal(fitAddress('module.apps.module.fn_core_0.aws_lambda_function.this', 12, fits('module.apps.module.fn_core_0.…this')), 'module.apps.module.fn_core_0.…this');
    assert.equal(fitAddress('module.platform_shared_services.module.fn_core_0.aws_lambda_function.this', 12, fits('…fn_core_0.…this')), '…fn_core_0.…this');
  });

  it('falls back to the end of the address when even the short form does not fit, and leaves other addresses alone', () => {
    const address = 'module.aft_account_request_framework.aws_vpc_endpoint.sts';
    assert.equal(fitAddress(address, 12, fits('…aws_vpc_endpoint.sts')), '…aws_vpc_endpoint.sts');
    assert.equal(fitAddress('aws_lambda_function.batch_enrich', 12, fits('…batch_enrich')), '…batch_enrich');
    assert.equal(fitAddress('module.x.data.aws_iam_policy_document.assume', 12, fits('…aws_iam_policy_document.assume')), '…aws_iam_policy_document.assume');
    assert.equal(fitAddress('VpcStack/PrivateSubnet0/Subnet', 12, fits('…PrivateSubnet0/Subnet')), '…PrivateSubnet0/Subnet');
  });
});
