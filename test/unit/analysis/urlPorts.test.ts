// The internet on the ports of the URLs a function names (P2, P6): `http://` needs tcp 80, an explicit `:8443` that
// port; the answer is the least reachable port's. Without such a URL the internet is checked on 443.

import * as assert from 'node:assert/strict';
import { urlTarget } from '../../../server/src/analysis/intent';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, natGateway, publicSubnet, route, routeTable, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const natted = twoAzVpc('us-east-1') + publicSubnet({ cidr: '10.0.0.0/24', az: 'us-east-1a' }) + natGateway('n', 'pub')
  + routeTable('priv', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'priv');

/** The function's security group with tcp egress on each of `ports` to 0.0.0.0/0. */
function egressOn(...ports: number[]): string {
  const rules = ports.map((p) => `  egress {
    from_port   = ${p}
    to_port     = ${p}
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
`).join('');
  return `resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
${rules}}
`;
}

const internet = (env: string, ...ports: number[]): string =>
  render(reachOf(analyseWorkspace({ '/w/main.tf': natted + egressOn(...ports) + vpcFunction('f', { subnets: ['a'], env }) }).result, 'f', 'internet'));

describe('URL ports: the internet is checked on the ports the function\'s URLs name (P2)', () => {
  it('reads the port of an http(s) URL', () => {
    assert.equal(urlTarget('https://api.example.com/v1')?.port ?? null, 443);
    assert.equal(urlTarget('http://api.example.com')?.port ?? null, 80);
    assert.equal(urlTarget('HTTP://api.example.com?q=1')?.port ?? null, 80);
    assert.equal(urlTarget('https://api.example.com:8443/x')?.port ?? null, 8443);
    assert.equal(urlTarget('http://user:pw@[2001:db8::1]:8080/')?.port ?? null, 8080);
    assert.equal(urlTarget('https://api.example.com:0/')?.port ?? null, null);
    assert.equal(urlTarget('https://api.example.com:99999')?.port ?? null, null);
    assert.equal(urlTarget('ftp://files.example.com')?.port ?? null, null);
    assert.equal(urlTarget('api.example.com')?.port ?? null, null);
  });

  it('an http:// URL with egress on 443 only is blocked on tcp 80 (was: yes, checked on 443)', () => {
    assert.equal(internet('API = "http://api.example.com/v1"', 443), 'no via nat-gateway ENI_SG_RULES_MISMATCH\n  fix: allow egress tcp 80 to 0.0.0.0/0 in aws_security_group.fn');
  });

  it('an http:// URL with egress on 80 only is reached', () => {
    assert.equal(internet('API = "http://api.example.com/v1"', 80), 'yes via nat-gateway');
  });

  it('an explicit port decides, and every URL\'s port must be open', () => {
    assert.equal(internet('API = "https://api.example.com:8443/"', 8443), 'yes via nat-gateway');
    assert.match(internet('API = "https://api.example.com:8443/", WEB = "https://www.example.com"', 443), /^no via nat-gateway ENI_SG_RULES_MISMATCH\n {2}fix: allow egress tcp 8443/);
    assert.equal(internet('API = "https://api.example.com:8443/", WEB = "https://www.example.com"', 443, 8443), 'yes via nat-gateway');
  });

  it('without a URL the internet is checked on 443, as before', () => {
    assert.equal(internet('MODE = "batch"', 443), 'yes via nat-gateway');
    assert.match(internet('MODE = "batch"', 80), /^no via nat-gateway ENI_SG_RULES_MISMATCH/);
  });

  it('a URL at a private address is not the internet: an unknown destination outside the workspace (E1)', () => {
    assert.equal(urlTarget('http://10.0.5.4:8080/x')?.address?.text, '10.0.5.4/32');
    assert.equal(urlTarget('http://[fd00::1]/')?.address?.text, 'fd00::1/128');
    assert.equal(urlTarget('https://api.example.com')?.address, null);
    const run = analyseWorkspace({ '/w/main.tf': natted + egressOn(443) + vpcFunction('f', { subnets: ['a'], env: 'LEGACY = "http://10.20.0.7:8080/api"' }) });
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    const legacy = fn?.reach.find((r) => r.destination === 'env:LEGACY');
    assert.equal(legacy?.status, 'unknown');
    assert.match(legacy?.explanation ?? '', /LEGACY is the URL http:\/\/10\.20\.0\.7:8080\/api, a private address that the workspace does not tie to a resource/);
    // Not an internet need, so not checked on port 80 (egress allows 443 only).
    assert.equal(fn?.reach.find((r) => r.destination === 'internet')?.needed, false);
    // A public address literal is the internet.
    assert.equal(internet('API = "http://203.0.113.10/"', 443), 'no via nat-gateway ENI_SG_RULES_MISMATCH\n  fix: allow egress tcp 80 to 0.0.0.0/0 in aws_security_group.fn');
  });
});

describe('a blocked internet need cites the rule of the filter that blocks it', () => {
  it('the function\'s own security group egress: its rule (P2), not E3 (NAT gateways)', () => {
    const run = analyseWorkspace({ '/w/main.tf': natted + egressOn(80) + vpcFunction('f', { subnets: ['a'], env: 'API = "https://api.example.com"' }) });
    const finding = run.result.findings.find((x) => x.rule === 'LAMBDA_NO_ROUTE_INTERNET');
    assert.match(finding?.message ?? '', /no rule allows egress to a public IPv4 address on tcp 443 \(P2\)$/);
  });
});
