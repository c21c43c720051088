// The details pane after selecting a function (the rows the webview draws): destinations the function needs
// first and marked, each blocking reason said once for the AZs it applies to, the analysis's whole list of
// alternative fixes (as `hyperplane-lens explain` lists them), and long addresses wrappable at name boundaries.

import * as assert from 'node:assert/strict';
import { destinationRows } from '../../../../client/webview/selection';
import { breakableSegments } from '../../../../client/webview/wrapText';
import { portableDiagram, portablePaths } from '../../../../server/src/ide/diagram/diagramPaths';
import { corpusDiagram } from './corpusDiagrams';

describe('topology panel: the details pane of a selected function', function () {
  this.timeout(60_000);

  it('EFS: the file system it needs comes first and is marked; each reason and fix is said once', async () => {
    const { model, result } = await corpusDiagram('serverless-patterns/apigw-lambda-efs-sam');
    const fn = model.functions[0];
    assert.ok(fn);
    const rows = destinationRows(model, fn.id);
    const report = result.functions.find((f) => f.function === fn.id);
    assert.ok(report);
    assert.deepEqual(
      rows.map((r) => `${r.label}${r.needed ? ' (needed)' : ''}`),
      [...report.reach.filter((r) => r.needed), ...report.reach.filter((r) => !r.needed)].map((r) => `${r.label}${r.needed ? ' (needed)' : ''}`),
    );
    const first = rows[0];
    assert.ok(first?.needed, `first row ${first?.label} is needed`);
    assert.match(first.label, /EfsFileSystem/);
    assert.ok(first.neededBecause.length > 0, 'says why it is needed');
    assert.ok(rows.slice(1).every((r) => r.needed === false));

    const internet = rows.find((r) => r.destination === 'internet');
    assert.ok(internet);
    // Both AZs are blocked at the same main route table: one reason, naming both AZs.
    assert.equal(internet.blocked.length, 1, JSON.stringify(internet.blocked));
    assert.deepEqual(internet.blocked[0]?.azs, ['AZ 1 of the Region', 'AZ 2 of the Region']);
    assert.match(internet.blocked[0]?.where ?? '', /^blocked at route table EfsLambdaVpc/);
    assert.ok(!(internet.blocked[0]?.where ?? '').includes('Fix:'), 'the fix is not repeated in the reason');
    assert.deepEqual(internet.fixFor, ['AZ 1 of the Region', 'AZ 2 of the Region']);

    // S3: the analysis offers the gateway endpoint and a NAT gateway; the pane lists every alternative once.
    const s3 = rows.find((r) => r.destination === 's3');
    const s3Reach = report.reach.find((r) => r.destination === 's3');
    assert.ok(s3 && s3Reach);
    assert.ok(s3Reach.fixes.length >= 2, `explain lists ${s3Reach.fixes.length} fixes`);
    assert.deepEqual(s3.fixes, s3Reach.fixes.map((f) => f.description));
    assert.ok(s3.fixes.some((f) => /gateway endpoint/.test(f)) && s3.fixes.some((f) => /NAT gateway/i.test(f)), s3.fixes.join(' | '));
  });

  it('the CLI export keeps the needed marks and fixes, with paths made relative', async () => {
    const { model } = await corpusDiagram('serverless-patterns/apigw-lambda-efs-sam');
    const files = model.nodes.flatMap((n) => (n.location ? [decodeURIComponent(n.location.uri.replace(/^file:\/\//, ''))] : []));
    const root = files[0]?.replace(/\/[^/]*$/, '') ?? '/';
    const portable = portableDiagram(model, portablePaths(root, files));
    const fn = portable.functions[0];
    assert.ok(fn);
    const rows = destinationRows(portable, fn.id);
    assert.ok(rows[0]?.needed);
    assert.ok((rows.find((r) => r.destination === 's3')?.fixes.length ?? 0) >= 2);
  });

  it('long addresses break after `.`, `/` and `:` and before `[`, never inside a name', () => {
    assert.deepEqual(breakableSegments('module.lambda_s3_write.aws_lambda_function.this[0]'), ['module.', 'lambda_s3_write.', 'aws_lambda_function.', 'this', '[0]']);
    assert.deepEqual(breakableSegments('VpcStack/PrivateSubnet0'), ['VpcStack/', 'PrivateSubnet0']);
    assert.deepEqual(breakableSegments('route 0.0.0.0/0 in a.b'), ['route 0.', '0.', '0.', '0/', '0 in a.', 'b']);
    assert.equal(breakableSegments('the internet (IPv4). Fix it').join(''), 'the internet (IPv4). Fix it');
  });
});
