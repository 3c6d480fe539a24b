/**
 * The dashboard in real headless Chromium against the whole stack in-process: submit a tiny
 * experiment, watch curves appear and extend on the experiment page without a reload (driven
 * by the subscriptions), compare the two trials, open a trial, promote a model version on the
 * registry page. Screenshots of each page go to test-results/dashboard/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createGatewayClient, type GatewayClient } from '@trialgrid/cli';
import { insertMetrics } from '@trialgrid/db';
import { repoRoot } from '@trialgrid/testing';
import { startStack, type Stack } from './stack.js';

/** The first Chromium found: CHROMIUM_PATH, then Debian's and Ubuntu's, then Google Chrome. */
const CHROMIUM_CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const CHROMIUM = CHROMIUM_CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p)) ?? '';
const SHOTS = join(repoRoot(), 'test-results', 'dashboard');
const MODEL = 'Dashboard_E2E_Model';
const hasDashboard = existsSync(join(repoRoot(), 'services', 'dashboard', 'dist', 'index.html'));
const skip = CHROMIUM === '' ? 'no Chromium found (CHROMIUM_PATH, /usr/bin/chromium, chromium-browser, google-chrome); install it with `sudo apt-get install chromium` or set CHROMIUM_PATH' : !hasDashboard ? 'dashboard not built (npm run build -w services/dashboard)' : false;

// CI installs Chromium and must run these tests: there a missing browser is a failure, not a skip.
if (skip && process.env['TRIALGRID_REQUIRE_BROWSER'] === '1') throw new Error(`TRIALGRID_REQUIRE_BROWSER=1 but the browser tests cannot run: ${skip}`);

let stack: Stack;
let browser: Browser;
let page: Page;
let gw: GatewayClient;
let experimentId = '';
let trialIds: string[] = [];

before(async () => {
  if (skip) return;
  stack = await startStack({ workers: 1 });
  gw = createGatewayClient({ url: stack.gatewayUrl, token: stack.token });
  await mkdir(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // the window the issue measured overflow in
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (err) => console.error('page error:', err.message));
});
after(async () => {
  await browser?.close().catch(() => undefined);
  await gw?.close();
  await stack?.stop();
});

/**
 * Polls a page expression until it is truthy. page.evaluate goes through the DevTools protocol,
 * which the dashboard's CSP (script-src 'self', no eval) does not apply to; Playwright's
 * waitForFunction with a string builds a Function inside the page, which that CSP refuses.
 */
async function waitUntil(expression: string, _arg?: undefined, options: { timeout?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeout ?? 30_000);
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
/** The page does not scroll sideways at 1,400 px: wide content scrolls inside its own panel. */
async function assertNoOverflow(what: string): Promise<void> {
  const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
  assert.ok(width <= 1400, `${what}: page is ${width} px wide in a 1,400 px window`);
}
const chartPoints = async (testid: string): Promise<number> => Number((await page.getAttribute(`[data-testid="${testid}"]`, 'data-points')) ?? '0');

test('experiment page: curves appear and extend live, without a reload', { skip, timeout: 120_000 }, async (t) => {
  // Signed out, every page sends the browser to sign in; a wrong token is refused there.
  await page.goto(`${stack.baseUrl}/`);
  await page.waitForSelector('[data-testid="signin-form"]');
  await page.fill('[data-testid="signin-token"]', 'tg_wrong');
  await page.click('[data-testid="signin-submit"]');
  await page.waitForSelector('[data-testid="signin-form"] ~ div [data-testid="error"]');
  await page.fill('[data-testid="signin-token"]', stack.token);
  await page.click('[data-testid="signin-submit"]');
  await page.waitForSelector('[data-testid="experiments-table"]');
  const { createExperiment } = await gw.request<{ createExperiment: { id: string; trials: { nodes: { id: string }[] } } }>(
    `mutation ($input: CreateExperimentInput!) { createExperiment(input: $input) { id trials { nodes { id } } } }`,
    {
      input: stack.quickInput('dashboard-e2e', {
        epochs: 3,
        modelName: MODEL,
        searchSpace: { algorithm: 'EXPLICIT', trials: [{ name: 'lr_1e-3', preset: 'baseline', learningRate: 0.001 }, { name: 'lr_4e-3', preset: 'baseline', learningRate: 0.004, batchSize: 64 }] },
      }),
    },
  );
  experimentId = createExperiment.id;
  trialIds = createExperiment.trials.nodes.map((t) => t.id);

  // The list picks the new experiment up from experimentUpdated.
  await page.waitForSelector(`[data-testid="experiment-link-${experimentId}"]`, { timeout: 30_000 });
  await page.click(`[data-testid="experiment-link-${experimentId}"]`);
  await page.waitForSelector('[data-testid="trials-table"]');
  // Test code has no DOM types: browser-side snippets are passed as strings.
  await page.evaluate('window.__noReload = 1');

  // Curves grow as epochs finish: record distinct point counts seen over time.
  const seen = new Set<number>();
  const deadline = Date.now() + 100_000;
  let status = '';
  while (Date.now() < deadline) {
    seen.add(await chartPoints('chart-loss'));
    status = (await page.textContent('[data-testid="experiment-status"]')) ?? '';
    if (status === 'SUCCEEDED' || status === 'FAILED') break;
    await page.waitForTimeout(200);
  }
  seen.add(await chartPoints('chart-loss'));
  assert.equal(status, 'SUCCEEDED');
  const counts = [...seen].sort((a, b) => a - b);
  t.diagnostic(`loss chart point counts seen while training: ${counts.join(', ')}`);
  // 2 trials x 3 epochs x (train_loss, val_loss) = 12 points in the end; a partial count seen
  // before that means the chart grew on the open page (it is never reloaded, checked below).
  assert.equal(counts[counts.length - 1], 12, `loss chart points seen: ${counts.join(',')}`);
  assert.ok(counts.some((c) => c > 0 && c < 12), `curves extended live: ${counts.join(',')}`);
  assert.equal(await chartPoints('chart-accuracy'), 12);
  assert.equal(await page.evaluate('window.__noReload'), 1, 'page was not reloaded');
  // Locators, not waitForFunction strings: the dashboard's CSP (script-src 'self') forbids eval in the page.
  await page.locator('[data-testid="experiment-progress"][data-value="1.000"]').waitFor();
  for (const id of trialIds) assert.equal(await page.getAttribute(`[data-testid="trial-row-${id}"]`, 'data-status'), 'SUCCEEDED');

  // the best trial at a glance: value and link in the header card, marked in the table
  const { experiment: e } = await gw.request<{ experiment: { bestTrial: { id: string; finalMetrics: Record<string, number> } } }>(
    `query ($id: ID!) { experiment(id: $id) { bestTrial { id finalMetrics } } }`,
    { id: experimentId },
  );
  await page.waitForSelector(`[data-testid="best-trial-link"][href*="${e.bestTrial.id}"]`);
  const bestAcc = e.bestTrial.finalMetrics['test_accuracy']!;
  assert.equal(await page.textContent('[data-testid="best-trial-value"]'), `${(bestAcc * 100).toFixed(2)} %`);
  assert.equal(await page.locator(`[data-testid="trial-row-${e.bestTrial.id}"] [data-testid="best-row-badge"]`).count(), 1);
  assert.match((await page.textContent('[data-testid="experiment-meta"]')) ?? '', /data train 500 \/ test 200 images/);
  // parameter importance of the two parameters that differ
  await page.waitForSelector('[data-testid="importance-learning_rate"]');
  // interactive chart: hovering shows values in the legend; the x axis switches to wall time
  await page.locator('[data-testid="chart-loss"] .u-over').scrollIntoViewIfNeeded();
  const box = await page.locator('[data-testid="chart-loss"] .u-over').boundingBox();
  assert.ok(box, 'uPlot chart drawn');
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2, { steps: 8 });
  const legend = async (): Promise<string> =>
    String(await page.evaluate(`[...document.querySelectorAll('[data-testid="chart-loss"] .u-legend .u-value')].map((el) => el.textContent).join('|')`));
  await waitUntil(`[...document.querySelectorAll('[data-testid="chart-loss"] .u-legend .u-value')].slice(1).some((el) => /[0-9]/.test(el.textContent))`, undefined, { timeout: 5000 })
    .catch(async (err: unknown) => {
      throw new Error(`hover legend: ${await legend()}`, { cause: err });
    });
  await page.click('[data-testid="x-axis-wall"]');
  await page.waitForSelector('[data-testid="chart-loss"][data-x-axis="wall"]');
  assert.equal(await chartPoints('chart-loss'), 12, 'every point has its wall time');
  await assertNoOverflow('experiment');
  await page.click('[data-testid="x-axis-step"]');
  await page.evaluate('window.scrollTo(0, 0)');
  await shot('experiment');

  // server-side sort by the objective, descending: the best trial first
  await page.click('[data-testid="sort-metric:test_accuracy"]');
  await waitUntil(`location.hash.includes('sort=metric')`);
  await page.waitForSelector(`[data-testid="trials-table"] tbody tr:first-child[data-testid="trial-row-${e.bestTrial.id}"]`);
  // filter: test_accuracy >= the best value leaves one trial
  await page.selectOption('[data-testid="filter-field"]', 'metric:test_accuracy');
  await page.selectOption('[data-testid="filter-op"]', 'GTE');
  await page.fill('[data-testid="filter-value"]', String(bestAcc));
  await page.click('[data-testid="filter-add"]');
  await page.waitForSelector('[data-testid="filter-chip-0"]');
  await waitUntil(`document.querySelectorAll('[data-testid="trials-table"] tbody tr[data-testid^="trial-row-"]').length === 1`);
  assert.match((await page.textContent('[data-testid="trials-page"]')) ?? '', /of 1 matching/);
  // column chooser: add a column, it stays after a reload of the page state
  const before = await page.locator('[data-testid="trials-table"] thead th').count();
  await page.click('[data-testid="column-chooser"] summary');
  await page.check('[data-testid="column-metric:train_loss"]');
  assert.equal(await page.locator('[data-testid="trials-table"] thead th').count(), before + 1);
  await shot('experiment-sorted-filtered');
  await page.click('[data-testid="filter-remove-0"]');
  await waitUntil(`document.querySelectorAll('[data-testid="trials-table"] tbody tr[data-testid^="trial-row-"]').length === 2`);
  assert.equal(await page.locator('[data-testid="trials-table"] thead th').count(), before + 1, 'chosen columns are kept');
});

test('compare: selection kept in the URL, table, parallel coordinates, overlaid curves', { skip, timeout: 30_000 }, async () => {
  for (const id of trialIds) await page.check(`[data-testid="trial-select-${id}"]`);
  assert.match(page.url(), new RegExp(`sel=${trialIds.join('%2C')}|sel=${trialIds.join(',')}`));
  await page.click('[data-testid="compare-link"]');
  await page.waitForSelector('[data-testid="compare-table"]');
  for (const id of trialIds) await page.waitForSelector(`[data-testid="compare-row-${id}"]`);
  assert.equal(await page.locator('[data-testid="parallel-coordinates"] path.pc-line').count(), 2);
  assert.ok((await chartPoints('chart-loss')) >= 12);
  const acc = await page.textContent(`[data-testid="compare-metric-test_accuracy-${trialIds[0]!}"]`);
  assert.match(acc ?? '', /^\d{1,3}\.\d\d %$/, `test_accuracy shown as a percentage: ${acc}`);
  assert.match((await page.textContent(`[data-testid="compare-data-${trialIds[0]!}"]`)) ?? '', /train 500 \/ test 200 images/);
  assert.match((await page.textContent(`[data-testid="compare-metric-model_size_bytes-${trialIds[0]!}"]`)) ?? '', /^\d+(\.\d+)? KB$/);
  await assertNoOverflow('compare');
  await shot('compare');
});

test('trial page: params, confusion matrix heat map, artifacts', { skip, timeout: 30_000 }, async () => {
  await page.click(`[data-testid="compare-trial-link-${trialIds[0]!}"]`);
  await page.waitForSelector('[data-testid="confusion-matrix"]');
  assert.equal(await page.locator('[data-testid="confusion-matrix"] rect.cell').count(), 100);
  await page.waitForSelector('[data-testid="per-class-accuracy"]');
  // Per-epoch rows are rendered (throttled) from the same series as the curves.
  await page.waitForSelector('[data-testid="epoch-table"] [data-testid="epoch-row-3"]');
  assert.equal(await page.locator('[data-testid="epoch-table"] tbody tr').count(), 3);
  assert.match((await page.textContent('[data-testid="trial-params"]')) ?? '', /learning_rate/);
  const link = page.locator('[data-testid="artifacts-table"] a').first();
  const href = await link.getAttribute('href');
  assert.ok(href, 'artifact link');
  assert.equal((await fetch(new URL(href, stack.baseUrl))).status, 401, 'artifacts need a token');
  // In the browser the link works: signing in set the session cookie.
  const res = await page.request.get(new URL(href, stack.baseUrl).toString());
  assert.equal(res.status(), 200);
  await assertNoOverflow('trial');
  await shot('trial');
});

test('registry: the gate keeps a failing model a candidate; edits in forms; promotion needs an override; champion follows; live; version page', { skip, timeout: 120_000 }, async () => {
  // The registry auto-registers the best trial: a 3-epoch model fails the seed's gate (99 %) and stays a candidate.
  const q = `query ($name: String!) { registeredModel(name: $name) { versions { version stage tags trial { id } } } }`;
  let versions: { version: number; stage: string; tags: Record<string, unknown>; trial: { id: string } | null }[] = [];
  for (let i = 0; i < 30 && !versions.some((v) => v.tags['stage'] === 'candidate'); i++) {
    versions = (await gw.request<{ registeredModel: { versions: typeof versions } | null }>(q, { name: MODEL })).registeredModel?.versions ?? [];
    if (!versions.some((v) => v.tags['stage'] === 'candidate')) await new Promise((r) => setTimeout(r, 1000));
  }
  assert.equal(versions.length, 1);
  const best = versions[0]!;
  assert.equal(best.stage, 'None');

  // opened directly (a fresh page load): the connection badge turns live
  await page.goto(`${stack.baseUrl}/#/registry`);
  await waitUntil(`document.querySelector('[data-testid="connection-status"]')?.textContent === 'live'`, undefined, { timeout: 10_000 });
  await page.waitForSelector(`[data-testid="version-row-${MODEL}-${best.version}"]`);
  assert.equal(await page.textContent(`[data-testid="version-stage-${MODEL}-${best.version}"]`), 'None', 'the quick run stayed a candidate');
  assert.equal(await page.getAttribute(`[data-testid="version-gate-${MODEL}-${best.version}"]`, 'data-passed'), 'false');
  assert.match((await page.textContent(`[data-testid="version-gate-${MODEL}-${best.version}"]`)) ?? '', /test accuracy \d+\.\d\d % \(needs ≥ 99\.00 %\)/);
  assert.match((await page.textContent(`[data-testid="version-evaluation-${MODEL}-${best.version}"]`)) ?? '', /mnist test\[0:200\]/);
  assert.match((await page.textContent(`[data-testid="policy-${MODEL}"]`)) ?? '', /test accuracy ≥ 99\.00 % · latency < 100 ms · size < 10\.00 MB/);
  assert.ok(await page.locator(`[data-testid="version-trial-${MODEL}-${best.version}"]`).count());
  await assertNoOverflow('registry');
  await shot('registry-candidate');

  await editDescriptionAndTags();
  await editGate(best.version);

  // live: a version registered elsewhere appears without a reload (no Refresh button any more)
  await page.evaluate('window.__noReload = 1');
  const other = trialIds.find((id) => id !== best.trial?.id)!;
  const { registerModelVersion } = await gw.request<{ registerModelVersion: { version: number } }>(
    `mutation ($input: RegisterModelVersionInput!) { registerModelVersion(input: $input) { version } }`,
    { input: { modelName: MODEL, trialId: other, description: 'registered by the test' } },
  );
  const v2 = registerModelVersion.version;
  await page.waitForSelector(`[data-testid="version-row-${MODEL}-${v2}"]`, { timeout: 10_000 });
  assert.equal(await page.evaluate('window.__noReload'), 1);

  // promote the failing v1: refused by the gate, a form lists what it fails and asks for an override reason
  const override = '[data-testid="override-form"]';
  await page.click(`[data-testid="promote-${MODEL}-${best.version}"]`);
  await page.waitForSelector(`${override}[open]`);
  assert.match((await page.textContent('[data-testid="override-form-refusal"]')) ?? '', /fails the production gate.*test accuracy \d+\.\d\d % \(needs ≥ 99\.00 %\)/);
  // Cancel leaves it a candidate
  await page.click('[data-testid="override-form-cancel"]');
  await page.locator(override).waitFor({ state: 'detached' });
  await page.locator('[data-testid="toast-error"]').filter({ hasText: 'not promoted: the version fails the production gate' }).first().waitFor();
  assert.equal(await page.textContent(`[data-testid="version-stage-${MODEL}-${best.version}"]`), 'None');
  // no reason: refused in the form, nothing sent
  await page.click(`[data-testid="promote-${MODEL}-${best.version}"]`);
  await page.waitForSelector(`${override}[open]`);
  await page.click('[data-testid="override-form-save"]');
  await page.locator('[data-testid="override-form-error"]:not([hidden])').filter({ hasText: /Give a reason/ }).waitFor();
  assert.equal(await page.textContent(`[data-testid="version-stage-${MODEL}-${best.version}"]`), 'None');
  await page.fill('[data-testid="override-form-reason"]', 'dashboard test: ship the quick model');
  assert.equal(await page.isHidden('[data-testid="override-form-error"]'), true, 'typing clears the message');
  await shot('registry-override');
  await page.click('[data-testid="override-form-save"]');
  await page.locator(override).waitFor({ state: 'detached' });
  await waitUntil(`document.querySelector('[data-testid="version-stage-${MODEL}-${best.version}"]')?.textContent === 'Production'`);
  assert.match((await page.textContent(`[data-testid="version-row-${MODEL}-${best.version}"]`)) ?? '', /champion/);
  assert.match((await page.textContent(`[data-testid="history-table-${MODEL}"]`)) ?? '', /override of the production gate .*dashboard test: ship the quick model/);

  // promote v2 (also failing) the same way: v1 is archived and champion moves with Production
  await page.click(`[data-testid="promote-${MODEL}-${v2}"]`);
  await page.fill('[data-testid="override-form-reason"]', 'dashboard test: second');
  await page.click('[data-testid="override-form-save"]');
  await page.locator(`[data-testid="version-stage-${MODEL}-${v2}"]`).filter({ hasText: /^Production$/ }).waitFor();
  await page.locator(`[data-testid="version-stage-${MODEL}-${best.version}"]`).filter({ hasText: /^Archived$/ }).waitFor();
  assert.doesNotMatch((await page.textContent(`[data-testid="version-row-${MODEL}-${best.version}"]`)) ?? '', /champion/);
  assert.match((await page.textContent(`[data-testid="version-row-${MODEL}-${v2}"]`)) ?? '', /champion/);
  await assertNoOverflow('registry');
  await shot('registry');

  // search
  await page.fill('[data-testid="registry-search"]', 'no-such-model-xyz');
  await page.click('[data-testid="registry-search-go"]');
  await page.waitForSelector('[data-testid="registry-empty"]');
  await page.fill('[data-testid="registry-search"]', 'dashboard_e2e');
  await page.click('[data-testid="registry-search-go"]');
  await page.waitForSelector(`[data-testid="model-${MODEL}"]`);

  // the model version page
  await page.click(`[data-testid="version-link-${MODEL}-${v2}"]`);
  await page.waitForSelector('[data-testid="version-gate"]');
  assert.equal(await page.textContent('[data-testid="version-stage"]'), 'Production');
  assert.equal(await page.getAttribute('[data-testid="gate-check-test_accuracy"]', 'data-passed'), 'false');
  assert.match((await page.textContent('[data-testid="version-metrics"]')) ?? '', /model size\s*\d+(\.\d+)? KB/);
  assert.match((await page.textContent('[data-testid="version-metrics"]')) ?? '', /latency \(batch 1\)\s*[\d.]+ (ms|µs)/);
  await page.waitForSelector('[data-testid="version-per-class"]');
  const download = await page.getAttribute('[data-testid="version-download"]', 'href');
  assert.ok(download, 'download link');
  // The browser's session cookie (set at sign-in) authorises the download; a bare fetch needs the token.
  assert.equal((await page.request.get(new URL(download, stack.baseUrl).toString())).status(), 200);
  assert.equal((await fetch(new URL(download, stack.baseUrl), { headers: stack.authHeaders })).status, 200);
  assert.ok((await page.locator('[data-testid="version-history"] tbody tr').count()) >= 3);
  await assertNoOverflow('model version');
  await shot('model-version');

  // the version's own description and tags, in the same form; tags not touched keep their values
  const versionQ = `query ($name: String!, $v: Int!) { modelVersion(modelName: $name, version: $v) { description tags } }`;
  type VersionMeta = { modelVersion: { description: string | null; tags: Record<string, unknown> } };
  const beforeTags = (await gw.request<VersionMeta>(versionQ, { name: MODEL, v: v2 })).modelVersion.tags;
  await page.click('[data-testid="version-edit"]');
  await page.waitForSelector('[data-testid="version-editor"][open]');
  assert.equal(await page.inputValue('[data-testid="version-editor-description"]'), 'registered by the test');
  // a refusal of the API (the registry's 5,000-character limit) shows in the form, which keeps what was typed
  await page.fill('[data-testid="version-editor-description"]', 'x'.repeat(5001));
  await page.click('[data-testid="version-editor-save"]');
  await page.locator('[data-testid="version-editor-error"]:not([hidden])').filter({ hasText: /^BAD_USER_INPUT: .*at most 5000 characters/ }).waitFor();
  assert.equal((await page.inputValue('[data-testid="version-editor-description"]')).length, 5001);
  assert.equal((await gw.request<VersionMeta>(versionQ, { name: MODEL, v: v2 })).modelVersion.description, 'registered by the test');
  await page.fill('[data-testid="version-editor-description"]', 'reviewed in the dashboard test');
  await page.click('[data-testid="version-editor-add-tag"]');
  const newRow = page.locator('[data-testid="version-editor"] .tag-row').last();
  await newRow.locator('input').nth(0).fill('reviewed_by');
  await newRow.locator('input').nth(1).fill('dashboard-test');
  await page.click('[data-testid="version-editor-save"]');
  await page.locator('[data-testid="version-editor"]').waitFor({ state: 'detached' });
  await page.locator('[data-testid="version-description"]').filter({ hasText: /^reviewed in the dashboard test$/ }).waitFor();
  assert.equal(await page.textContent('[data-testid="version-tags"] [data-tag="reviewed_by"]'), 'reviewed_by: dashboard-test');
  const after = (await gw.request<VersionMeta>(versionQ, { name: MODEL, v: v2 })).modelVersion;
  assert.equal(after.description, 'reviewed in the dashboard test');
  assert.deepEqual(after.tags, { ...beforeTags, reviewed_by: 'dashboard-test' });
  await assertNoOverflow('model version');
  await shot('model-version-edited');

  // leaving the page (browser back) cancels an open form: nothing is saved
  await page.click('[data-testid="version-edit"]');
  await page.waitForSelector('[data-testid="version-editor"][open]');
  await page.fill('[data-testid="version-editor-description"]', 'typed, then the page was left');
  await page.goBack();
  await page.locator('[data-testid="version-editor"]').waitFor({ state: 'detached' });
  await page.waitForSelector(`[data-testid="model-${MODEL}"]`);
  assert.equal((await gw.request<VersionMeta>(versionQ, { name: MODEL, v: v2 })).modelVersion.description, 'reviewed in the dashboard test');
});

const registryQ = `query ($name: String!) { registeredModel(name: $name) {
  description tags promotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }
  versions { version gate { passed } } history { kind version toValue actor reason }
} }`;
interface RegistryState {
  description: string | null;
  tags: Record<string, string>;
  promotionPolicy: { minTestAccuracy: number; maxLatencyMs: number; maxModelSizeBytes: number; maxClassAccuracyGap: number };
  versions: { version: number; gate: { passed: boolean } | null }[];
  history: { kind: string; version: number | null; toValue: string | null; actor: string; reason: string | null }[];
}
const registryState = async (): Promise<RegistryState> => (await gw.request<{ registeredModel: RegistryState }>(registryQ, { name: MODEL })).registeredModel;

/** The model's description and tags through its form: a tag added, one removed, a keyless value refused. */
async function editDescriptionAndTags(): Promise<void> {
  const editor = '[data-testid="model-editor"]';
  const addTag = async (key: string, value: string): Promise<void> => {
    await page.click(`${editor} [data-testid="model-editor-add-tag"]`);
    const row = page.locator(`${editor} .tag-row`).last();
    await row.locator('input').nth(0).fill(key);
    await row.locator('input').nth(1).fill(value);
  };
  const before = await registryState();
  const modelUpdates = (s: RegistryState): RegistryState['history'] => s.history.filter((e) => e.kind === 'UPDATED' && e.version === null);
  await page.click(`[data-testid="edit-model-${MODEL}"]`);
  await page.waitForSelector(`${editor}[open]`);
  await page.fill('[data-testid="model-editor-description"]', 'MNIST digits from the dashboard test: a quick 3-epoch run');
  await addTag('team', 'vision');
  await addTag('owner', 'alice');
  // a value without a key is refused in the form; nothing is sent
  await addTag('', 'orphan');
  await page.click('[data-testid="model-editor-save"]');
  await page.locator('[data-testid="model-editor-error"]:not([hidden])').filter({ hasText: /has the value "orphan" but no key/ }).waitFor();
  assert.deepEqual(await registryState(), before, 'nothing saved while the form is invalid');
  await page.locator(`${editor} .tag-row`).last().locator('button').click();
  await shot('registry-model-editor');
  await page.click('[data-testid="model-editor-save"]');
  await page.locator(editor).waitFor({ state: 'detached' });
  await page.locator(`[data-testid="model-description-${MODEL}"]`).filter({ hasText: /^MNIST digits from the dashboard test/ }).waitFor();
  await page.locator(`[data-testid="model-tags-${MODEL}"] [data-tag="owner"]`).waitFor();
  assert.equal(await page.textContent(`[data-testid="model-tags-${MODEL}"] [data-tag="team"]`), 'team: vision');

  // remove a tag: the editor opens with the current tags, one row each
  await page.click(`[data-testid="edit-model-${MODEL}"]`);
  await page.waitForSelector(`${editor}[open]`);
  assert.equal(await page.locator(`${editor} .tag-row`).count(), Object.keys(before.tags).length + 2);
  await page.click(`${editor} .tag-row[data-tag-key="owner"] button`);
  await page.click('[data-testid="model-editor-save"]');
  await page.locator(editor).waitFor({ state: 'detached' });
  await page.locator(`[data-testid="model-tags-${MODEL}"] [data-tag="owner"]`).waitFor({ state: 'detached' });
  assert.equal(await page.textContent(`[data-testid="model-tags-${MODEL}"] [data-tag="team"]`), 'team: vision');
  const state = await registryState();
  assert.equal(state.description, 'MNIST digits from the dashboard test: a quick 3-epoch run');
  assert.deepEqual(state.tags, { ...before.tags, team: 'vision' });
  const updates = modelUpdates(state);
  assert.equal(updates.length - modelUpdates(before).length, 2, 'one UPDATED event per save');
  assert.equal(updates.filter((e) => e.actor === 'e2e').length - modelUpdates(before).filter((e) => e.actor === 'e2e').length, 2, `edits recorded with the token's owner: ${JSON.stringify(updates)}`);
}

/** The production gate through its form: an invalid threshold changes nothing; relaxing it flips the candidate's verdict to pass, the seed's gate back to fail. */
async function editGate(candidate: number): Promise<void> {
  const editor = '[data-testid="policy-editor"]';
  const verdict = `[data-testid="version-gate-${MODEL}-${candidate}"]`;
  const fill = async (values: { acc: string; ms: string; mb: string; gap: string; reason?: string }): Promise<void> => {
    await page.fill('[data-testid="policy-editor-minTestAccuracy"]', values.acc);
    await page.fill('[data-testid="policy-editor-maxLatencyMs"]', values.ms);
    await page.fill('[data-testid="policy-editor-maxModelSizeBytes"]', values.mb);
    await page.fill('[data-testid="policy-editor-maxClassAccuracyGap"]', values.gap);
    if (values.reason) await page.fill('[data-testid="policy-editor-reason"]', values.reason);
  };
  const seed = await registryState();
  const policyEvents = (s: RegistryState): RegistryState['history'] => s.history.filter((e) => e.kind === 'POLICY');

  // the thresholds in the units people read them in
  await page.click(`[data-testid="edit-policy-${MODEL}"]`);
  await page.waitForSelector(`${editor}[open]`);
  assert.deepEqual(
    await Promise.all(['minTestAccuracy', 'maxLatencyMs', 'maxModelSizeBytes', 'maxClassAccuracyGap'].map((f) => page.inputValue(`[data-testid="policy-editor-${f}"]`))),
    ['99', '100', '10', '3'],
  );
  // 150 % is refused in the form, next to the field; nothing changes
  await page.fill('[data-testid="policy-editor-minTestAccuracy"]', '150');
  await page.fill('[data-testid="policy-editor-maxLatencyMs"]', '-5');
  await page.click('[data-testid="policy-editor-save"]');
  await page.locator('[data-testid="policy-editor-minTestAccuracy-error"]:not([hidden])').filter({ hasText: 'Minimum test accuracy (%) must be between 0 and 100; got 150.' }).waitFor();
  assert.match((await page.textContent('[data-testid="policy-editor-maxLatencyMs-error"]')) ?? '', /must be greater than 0; got -5/);
  assert.equal(await page.isHidden('[data-testid="policy-editor-maxModelSizeBytes-error"]'), true);
  assert.equal(await page.getAttribute('[data-testid="policy-editor-minTestAccuracy"]', 'aria-invalid'), 'true');
  assert.match((await page.textContent('[data-testid="policy-editor-error"]')) ?? '', /Nothing was saved/);
  await shot('registry-gate-invalid');
  await page.click('[data-testid="policy-editor-cancel"]');
  await page.locator(editor).waitFor({ state: 'detached' });
  const unchanged = await registryState();
  assert.deepEqual(unchanged.promotionPolicy, seed.promotionPolicy);
  assert.equal(policyEvents(unchanged).length, policyEvents(seed).length, 'no POLICY event');
  assert.match((await page.textContent(`[data-testid="policy-${MODEL}"]`)) ?? '', /test accuracy ≥ 99\.00 %/);

  // relaxed: the candidate now passes, on the page and in the API; the history says who and why
  await page.click(`[data-testid="edit-policy-${MODEL}"]`);
  await page.waitForSelector(`${editor}[open]`);
  await fill({ acc: '1', ms: '60000', mb: '1000', gap: '100', reason: 'dashboard test: relax the gate' });
  await shot('registry-gate-editor');
  await page.click('[data-testid="policy-editor-save"]');
  await page.locator(editor).waitFor({ state: 'detached' });
  await page.waitForSelector(`${verdict}[data-passed="true"]`);
  assert.match((await page.textContent(`[data-testid="policy-${MODEL}"]`)) ?? '', /test accuracy ≥ 1\.00 %/);
  const history = `[data-testid="history-table-${MODEL}"]`;
  await page.locator(`${history} tr[data-kind="POLICY"]`).filter({ hasText: 'dashboard test: relax the gate' }).waitFor();
  assert.match((await page.locator(`${history} tr[data-kind="POLICY"]`).first().textContent()) ?? '', /e2e/);
  await page.locator(`${history} tr[data-kind="GATE"]`).filter({ hasText: /passed.*e2e/ }).first().waitFor();
  let state = await registryState();
  assert.deepEqual(state.promotionPolicy, { minTestAccuracy: 0.01, maxLatencyMs: 60000, maxModelSizeBytes: 1000 * 1024 * 1024, maxClassAccuracyGap: 1 });
  assert.equal(state.versions.find((v) => v.version === candidate)?.gate?.passed, true);
  assert.ok(state.history.some((e) => e.kind === 'GATE' && e.version === candidate && e.toValue === 'passed' && e.actor === 'e2e'));
  await assertNoOverflow('registry');
  await shot('registry-gate-relaxed');

  // the seed's gate again: the verdict flips back to fail
  await page.click(`[data-testid="edit-policy-${MODEL}"]`);
  await page.waitForSelector(`${editor}[open]`);
  await fill({ acc: '99', ms: '100', mb: '10', gap: '3', reason: 'dashboard test: back to the seed gate' });
  await page.click('[data-testid="policy-editor-save"]');
  await page.locator(editor).waitFor({ state: 'detached' });
  await page.waitForSelector(`${verdict}[data-passed="false"]`);
  await page.locator(`${history} tr[data-kind="POLICY"]`).filter({ hasText: 'dashboard test: back to the seed gate' }).waitFor();
  state = await registryState();
  assert.deepEqual(state.promotionPolicy, seed.promotionPolicy);
  assert.ok(state.history.some((e) => e.kind === 'GATE' && e.version === candidate && e.toValue === 'failed' && e.actor === 'e2e'));
  assert.equal(policyEvents(state).length, policyEvents(seed).length + 2, 'one POLICY event per save');
  for (const reason of ['dashboard test: relax the gate', 'dashboard test: back to the seed gate']) {
    assert.ok(policyEvents(state).some((e) => e.actor === 'e2e' && e.reason === reason), `POLICY by e2e: ${reason}`);
  }
}

test('experiments list and workers page render', { skip, timeout: 30_000 }, async () => {
  await page.click('[data-testid="nav-workers"]');
  await page.waitForSelector('[data-testid="workers-table"] tbody tr[data-testid^="worker-row-"]');
  assert.match((await page.textContent('[data-testid="workers-table"]')) ?? '', /alive/);
  assert.equal(await page.textContent('[data-testid="connection-status"]'), 'live');
  await assertNoOverflow('workers');
  await shot('workers');
  await page.click('[data-testid="nav-experiments"]');
  await page.waitForSelector(`[data-testid="experiment-row-${experimentId}"][data-status="SUCCEEDED"]`);
  // the best trial in the list, as a percentage with its trial
  assert.match((await page.textContent(`[data-testid="experiment-best-${experimentId}"]`)) ?? '', /^\d{1,3}\.\d\d % lr_/);
  await assertNoOverflow('experiments');
  await shot('experiments');
});

test('stays responsive: 1,000 trials paginated, a 10,000-step trial downsampled', { skip, timeout: 60_000 }, async (t) => {
  const values = (xs: number[]): { values: number[] } => ({ values: xs });
  const { createExperiment: big } = await gw.request<{ createExperiment: { id: string; counts: { total: number } } }>(
    `mutation ($input: CreateExperimentInput!) { createExperiment(input: $input) { id counts { total } } }`,
    {
      input: stack.quickInput('dashboard-1000', {
        epochs: 1,
        maxParallelTrials: 1,
        modelName: 'Dashboard_Scale_Model',
        searchSpace: {
          algorithm: 'GRID',
          base: { preset: 'baseline' },
          parameters: [
            { name: 'learningRate', ...values([1e-4, 2e-4, 3e-4, 4e-4, 5e-4, 6e-4, 7e-4, 8e-4, 9e-4, 1e-3]) },
            { name: 'batchSize', ...values([16, 32, 48, 64, 80, 96, 112, 128, 144, 160]) },
            { name: 'seed', ...values([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) },
          ],
        },
      }),
    },
  );
  assert.equal(big.counts.total, 1000);
  // Only the UI is under test here: stop the sweep from training.
  await gw.request(`mutation ($id: ID!) { cancelExperiment(id: $id) { id } }`, { id: big.id });
  const { experiment } = await gw.request<{ experiment: { trials: { nodes: { id: string }[] } } }>(
    `query ($id: ID!) { experiment(id: $id) { trials(first: 1, filters: [{ field: "index", op: EQ, value: 999 }]) { nodes { id } } } }`,
    { id: big.id },
  );
  const longTrial = experiment.trials.nodes[0]!.id;
  const points = ['train_loss', 'val_loss', 'train_accuracy', 'val_accuracy'].flatMap((key) =>
    Array.from({ length: 10_000 }, (_, step) => ({ key, step, value: key.endsWith('loss') ? 2 * Math.exp(-step / 3000) : 1 - 0.9 * Math.exp(-step / 3000) })),
  );
  await insertMetrics(stack.db, longTrial, big.id, points);

  let t0 = Date.now();
  await page.goto(`${stack.baseUrl}/#/experiments/${big.id}`);
  await page.waitForSelector('[data-testid="trials-table"] tbody tr[data-testid^="trial-row-"]');
  const firstPageMs = Date.now() - t0;
  assert.equal(await page.locator('[data-testid^="trial-row-"]').count(), 25);
  assert.match((await page.textContent('[data-testid="trials-page"]')) ?? '', /^page 1 of 40 .* of 1000$/);
  t0 = Date.now();
  await page.click('[data-testid="trials-next"]');
  await page.locator('[data-testid="trials-page"]').filter({ hasText: /^page 2 of 40/ }).waitFor();
  const nextPageMs = Date.now() - t0;
  await shot('experiment-1000-trials');

  t0 = Date.now();
  await page.goto(`${stack.baseUrl}/#/trials/${longTrial}`);
  await page.locator('[data-testid="chart-loss"][data-points]:not([data-points="0"])').waitFor();
  const trialMs = Date.now() - t0;
  const drawn = await chartPoints('chart-loss');
  // The server downsamples each 10,000-point series to maxPoints=500.
  assert.ok(drawn > 0 && drawn <= 1000, `loss chart points: ${drawn}`);
  assert.ok((await page.locator('[data-testid="epoch-table"] tbody tr').count()) <= 100);
  await shot('trial-10000-steps');
  t.diagnostic(`1,000-trial experiment page: first page ${firstPageMs} ms, next page ${nextPageMs} ms; 10,000-step trial page ${trialMs} ms (${drawn} loss points drawn)`);
  for (const ms of [firstPageMs, nextPageMs, trialMs]) assert.ok(ms < 10_000, `page took ${ms} ms`);
});
