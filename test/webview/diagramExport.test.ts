// The CLI's HTML export with relative ids (the CLI built from the sources, run on the export fixture), opened
// as a file in headless Chromium: selection, paths, the blocked hop, folding and the file link still work,
// with no network request and no CSP violation.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DiagramModel } from '../../server/src/protocol/diagram';
import { copyExportFixture, runCli } from '../unit/cli/cliProcess';
import { repoRoot } from '../unit/ide/diagram/diagramFixtures';

const api = 'infra::aws_lambda_function.api';
const vpc = 'infra::module.net.aws_vpc.this';
const subnet = 'infra::module.net.aws_subnet.private[0]';

describe('the CLI HTML export with relative ids (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let file: string;
  let model: DiagramModel;
  const temporary: string[] = [];

  before(async () => {
    const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'hl-export-page-')));
    temporary.push(base);
    const ws = copyExportFixture(path.join(base, 'ws'));
    const r = runCli(['diagram', '.', '--out', 'topology.html'], ws);
    assert.equal(r.status, 0, r.stderr);
    file = path.join(ws, 'topology.html');
    const json = /id="hyperplane-lens-diagram">([^<]*)</.exec(readFileSync(file, 'utf8'))?.[1];
    assert.ok(json);
    model = JSON.parse(json) as DiagramModel;
    mkdirSync(path.join(repoRoot(), 'test-output'), { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });

  after(async () => {
    await browser?.close();
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Refused/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    await page.locator('.hl-diagram .node.kind-function').first().waitFor();
    return { page, problems, requests };
  }

  it('draws every box under its relative id and selects a function with its paths and blocked hop', async () => {
    const { page, problems, requests } = await open();
    const drawn = await page.locator('.hl-diagram .node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    assert.deepEqual([...drawn].sort(), model.nodes.map((n) => n.id).sort());
    await page.locator(`[data-id="${api}"]`).click();
    assert.equal(await page.locator('.details h2').textContent(), 'aws_lambda_function.api');
    assert.equal(await page.locator(`[data-id="${api}"].selected`).count(), 1);
    // Internet, S3 and DynamoDB through the NAT gateway from both subnets: function → ENI → NAT → IGW → out.
    assert.ok((await page.locator('path.edge.on-path.status-yes').count()) >= 8);
    // Its security group allows 443 only: the database is blocked.
    assert.ok((await page.locator('path.edge.on-path.status-no').count()) >= 1);
    const details = await page.locator('.details').innerText();
    assert.match(details, /the internet \(IPv4\) — reachable/);
    assert.match(details, /✕ module\.net\.aws_db_instance\.main — blocked needed\n[^\n]*\n✕ eu-west-1a, eu-west-1b:\nblocked at security groups aws_security_group\.api \(egress\)/);
    // Hover names the declaration by its path relative to where the export was made.
    await page.locator(`[data-id="${api}"]`).hover();
    assert.match((await page.locator('.hovercard').innerText()) ?? '', /infra\/main\.tf:\d+/);
    await page.screenshot({ path: path.join(repoRoot(), 'test-output', 'topology-export-relative.png') });
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    await page.close();
  });

  it('folds the AZs from the toolbar, unfolds one from the keyboard, folds a VPC by double-click', async () => {
    const { page, problems } = await open();
    await page.locator('.toolbar button', { hasText: 'Collapse AZs' }).click();
    await page.locator('.node.collapsed').first().waitFor();
    const folded = await page.locator('.node.collapsed').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    assert.deepEqual(folded, [`${vpc}#az:eu-west-1a`, `${vpc}#az:eu-west-1b`]);
    assert.equal(await page.locator(`[data-id="${subnet}"]`).count(), 0, 'the subnets fold into their AZ');
    await page.locator(`[data-id="${vpc}#az:eu-west-1a"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-id="${subnet}"]`).waitFor();
    assert.equal(await page.locator('.node.collapsed').count(), 1);
    // A real mouse double-click on the VPC's title folds it (the pan gesture captures the pointer only once a
    // press moves, so the clicks still reach the container).
    await page.locator(`[data-id="${vpc}"] > text.title`).dblclick();
    await page.locator(`[data-id="${vpc}"].collapsed`).waitFor();
    assert.equal(await page.locator(`[data-id="${subnet}"]`).count(), 0, 'the subnets fold into the VPC');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
