// How a path leaves the VPC reads as words in every place a user sees it (the explanation's headings, the
// function hover's table, the code lens): "NAT gateway", never the analysis id "nat-gateway".

import * as assert from 'node:assert/strict';
import { functionLenses } from '../../../server/src/ide/codeLens';
import { explainMarkdown } from '../../../server/src/ide/explain';
import { functionHover } from '../../../server/src/ide/hover';
import { ObjectIndex } from '../../../server/src/ide/objectIndex';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { association, natGateway, provider, publicSubnet, route, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';

const main = provider('eu-west-1') + vpc()
  + publicSubnet({ cidr: '10.0.0.0/24', az: 'eu-west-1a' })
  + natGateway('nat', 'pub')
  + subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })
  + routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id') })
  + association('a', 'private')
  + securityGroup('fn', 'all')
  + vpcFunction('f', { subnets: ['a'] });

describe('wording: how a path leaves the VPC', () => {
  const run = analyseWorkspace({ '/w/main.tf': main });
  const report = run.result.functions[0];

  it('the explanation heads each destination with words', () => {
    assert.ok(report);
    const markdown = explainMarkdown(run.result, run.model, report, 'internet');
    assert.match(markdown, /^## ✅ the internet \(IPv4\): reachable via NAT gateway$/m);
    assert.doesNotMatch(markdown, /^#.*nat-gateway/m);
  });

  it('the function hover table and the code lens say NAT gateway', () => {
    assert.ok(report);
    const hover = functionHover({ model: run.model, result: run.result, objects: new ObjectIndex(run.model) }, report.function) ?? '';
    assert.match(hover, /^\| ✅ \| the internet \(IPv4\) \| NAT gateway \|$/m);
    const [lens] = functionLenses(run.model, run.result, '/w/main.tf');
    assert.match(lens?.title ?? '', /^Internet ✓ NAT gateway/);
  });
});
