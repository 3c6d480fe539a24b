// The monitoring files under deploy/ against the metric definitions (libs/metrics): every
// PromQL query of the Grafana dashboard and of the Prometheus-based autoscaler parses, and names
// only series and labels that a trialgrid process exports; every trialgrid metric is on the
// dashboard; the compose scrape config and the k8s ServiceMonitor/PodMonitor reach each
// service's /metrics port. A renamed metric or label fails here, not on an operator's screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { describeMetrics, type MetricDescription } from '@trialgrid/metrics';
import { repoRoot } from '@trialgrid/testing';

const root = repoRoot();
const deployDir = join(root, 'deploy');
type Obj = Record<string, unknown>;

/** Labels Prometheus itself attaches to every series (target labels), beside the metric's own. */
const TARGET_LABELS = ['job', 'instance', 'namespace', 'pod', 'service', 'container', 'endpoint'];

interface Selector {
  metric: string;
  labels: string[];
}

/** The vector selectors of a PromQL expression (metric name + matcher label names); throws on a syntax error. */
function selectorsOf(expr: string): Selector[] {
  // Grafana's interval variables are not PromQL: substitute a duration before parsing.
  const promql = expr.replace(/\$__(rate_interval|interval|range)/g, '5m');
  const tree = parser.parse(promql);
  const out: Selector[] = [];
  const errors: number[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name !== 'VectorSelector') return;
      const sel: Selector = { metric: '', labels: [] };
      const cursor = node.node.cursor();
      cursor.firstChild();
      do {
        if (cursor.name === 'Identifier') sel.metric = promql.slice(cursor.from, cursor.to);
      } while (cursor.nextSibling());
      for (const label of node.node.getChildren('LabelMatchers').flatMap((m) => m.getChildren('UnquotedLabelMatcher'))) {
        const name = label.getChild('LabelName');
        if (name) sel.labels.push(promql.slice(name.from, name.to));
      }
      out.push(sel);
    },
  });
  assert.deepEqual(errors, [], `PromQL syntax error at ${errors.join(', ')} in: ${expr}`);
  return out;
}

/** Checks a query's selectors against the registry; returns the metric names it uses. */
function checkQuery(expr: string, where: string, bySeries: Map<string, MetricDescription>): string[] {
  const used: string[] = [];
  for (const sel of selectorsOf(expr)) {
    const metric = bySeries.get(sel.metric);
    assert.ok(metric, `${where}: ${sel.metric} is not exported by trialgrid (libs/metrics) or prom-client's defaults\n  ${expr}`);
    const allowed = new Set([...metric.labelNames, ...TARGET_LABELS, ...(sel.metric.endsWith('_bucket') ? ['le'] : [])]);
    for (const label of sel.labels) assert.ok(allowed.has(label), `${where}: ${sel.metric} has no label ${label}\n  ${expr}`);
    used.push(metric.name);
  }
  return used;
}

async function seriesIndex(): Promise<Map<string, MetricDescription>> {
  const index = new Map<string, MetricDescription>();
  for (const m of await describeMetrics()) for (const s of m.seriesNames) index.set(s, m);
  return index;
}

interface Panel {
  title?: string;
  type: string;
  targets?: { expr?: string; refId: string }[];
  panels?: Panel[];
}

test('the selector reader finds metric names and matcher labels, and refuses bad PromQL', () => {
  assert.deepEqual(selectorsOf('sum by (le) (rate(a_bucket{x="1", y!~"2"}[$__rate_interval])) / on(job) b'), [
    { metric: 'a_bucket', labels: ['x', 'y'] },
    { metric: 'b', labels: [] },
  ]);
  assert.throws(() => selectorsOf('sum(rate(a[5m])'), /syntax error/);
});

test('every Grafana panel queries metrics and labels that exist, and every trialgrid metric has a panel', async () => {
  const bySeries = await seriesIndex();
  const dashboard = JSON.parse(readFileSync(join(deployDir, 'grafana', 'trialgrid.json'), 'utf8')) as { uid: string; panels: Panel[]; templating: { list: { name: string }[] } };
  assert.ok(dashboard.uid);
  assert.ok(dashboard.templating.list.some((v) => v.name === 'datasource'), 'a datasource variable, so the dashboard imports into any Grafana');
  const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
  assert.ok(panels.length >= 10, `${panels.length} panels`);
  const used = new Set<string>();
  for (const p of panels) {
    assert.ok(p.targets && p.targets.length > 0, `panel ${p.title} has no query`);
    for (const t of p.targets) {
      assert.ok(t.expr, `panel ${p.title} ${t.refId} has no expr`);
      for (const name of checkQuery(t.expr, `panel "${p.title}"`, bySeries)) used.add(name);
    }
  }
  const ours = [...new Set([...bySeries.values()].map((m) => m.name))].filter((n) => n.startsWith('trialgrid_'));
  assert.deepEqual(ours.filter((n) => !used.has(n)), [], 'trialgrid metrics missing from the dashboard');
});

test('a renamed metric or label is caught', async () => {
  const bySeries = await seriesIndex();
  assert.throws(() => checkQuery('sum(rate(trialgrid_trials_completed_total[5m]))', 'drift', bySeries), /trialgrid_trials_completed_total is not exported/);
  assert.throws(() => checkQuery('max by (status) (trialgrid_trials{status="QUEUED"})', 'drift', bySeries), /has no label status/);
});

test('compose: Prometheus scrapes each service on the port its /metrics listens on, reachable from outside the container', () => {
  const compose = parseYaml(readFileSync(join(deployDir, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Obj> };
  const prom = parseYaml(readFileSync(join(deployDir, 'prometheus', 'prometheus.yml'), 'utf8')) as {
    scrape_configs: { job_name: string; metrics_path?: string; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; port: number }[] }[];
  };
  const targets = new Map<string, string[]>();
  for (const job of prom.scrape_configs) {
    assert.equal(job.metrics_path ?? '/metrics', '/metrics');
    const list = [...(job.static_configs ?? []).flatMap((s) => s.targets), ...(job.dns_sd_configs ?? []).flatMap((d) => d.names.map((n) => `${n}:${d.port}`))];
    targets.set(job.job_name, list);
  }
  for (const name of ['scheduler', 'registry', 'gateway', 'worker', 'worker-gpu']) {
    const env = compose.services[name]!['environment'] as Record<string, string>;
    const port = name === 'gateway' ? env['PORT'] : env['HEALTH_PORT'];
    assert.ok(port, `${name} sets its port`);
    assert.deepEqual(targets.get(name), [`${name}:${port}`], `scrape job ${name}`);
    const host = name === 'gateway' ? env['HOST'] : env['HEALTH_HOST'];
    assert.equal(host, '0.0.0.0', `${name} must listen beyond the container's loopback to be scraped`);
  }
  const prometheus = compose.services['prometheus']!;
  assert.deepEqual(prometheus['profiles'], ['monitoring']);
  assert.ok((prometheus['volumes'] as string[]).some((v) => v.startsWith('./prometheus/prometheus.yml:')));
  const grafana = compose.services['grafana']!;
  assert.ok((grafana['volumes'] as string[]).some((v) => v.startsWith('./grafana/trialgrid.json:')), 'grafana provisions the dashboard');
});

test('k8s: the monitoring component selects the services and worker pods on their metrics port', { skip: hasKubectl() ? false : 'kubectl not installed' }, () => {
  // A throw-away overlay (cpu + the component) in a copy of deploy/k8s: kustomize refuses absolute paths.
  const dir = mkdtempSync(join(tmpdir(), 'tg-k8s-'));
  try {
    cpSync(join(deployDir, 'k8s'), join(dir, 'k8s'), { recursive: true });
    // The secretGenerator reads git-ignored env files: the committed examples stand in for them.
    const secrets = join(dir, 'k8s', 'base', 'secrets');
    for (const f of readdirSync(secrets).filter((n) => n.endsWith('.env.example'))) copyFileSync(join(secrets, f), join(secrets, f.replace(/\.example$/, '')));
    mkdirSync(join(dir, 'k8s', 'overlays', 'monitored'));
    writeFileSync(
      join(dir, 'k8s', 'overlays', 'monitored', 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../cpu\ncomponents:\n  - ../../components/monitoring\n',
    );
    const objects = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(dir, 'k8s', 'overlays', 'monitored')], { encoding: 'utf8' })).map((d) => d.toJS() as Obj);
    const kind = (k: string) => objects.filter((o) => o['kind'] === k);
    const labelsOf = (o: Obj) => ((o['metadata'] as Obj)['labels'] ?? {}) as Record<string, string>;
    const matches = (sel: Record<string, string>, labels: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);

    const [sm] = kind('ServiceMonitor');
    assert.ok(sm, 'a ServiceMonitor');
    const smSpec = sm['spec'] as { selector: { matchLabels: Record<string, string> }; endpoints: { port: string; path: string }[] };
    const selected = kind('Service').filter((s) => matches(smSpec.selector.matchLabels, labelsOf(s)));
    assert.deepEqual(selected.map((s) => (s['metadata'] as Obj)['name']).sort(), ['trialgrid-gateway', 'trialgrid-registry', 'trialgrid-scheduler']);
    for (const s of selected) {
      const ports = ((s['spec'] as Obj)['ports'] as { name: string }[]).map((p) => p.name);
      assert.ok(ports.includes(smSpec.endpoints[0]!.port), `${String((s['metadata'] as Obj)['name'])} has port ${smSpec.endpoints[0]!.port}`);
    }
    assert.equal(smSpec.endpoints[0]!.path, '/metrics');

    const [pm] = kind('PodMonitor');
    assert.ok(pm, 'a PodMonitor for the workers');
    const pmSpec = pm['spec'] as { selector: { matchLabels: Record<string, string> }; podMetricsEndpoints: { port: string; path: string }[] };
    const pods = kind('Deployment').filter((d) => matches(pmSpec.selector.matchLabels, ((((d['spec'] as Obj)['template'] as Obj)['metadata'] as Obj)['labels'] ?? {}) as Record<string, string>));
    assert.deepEqual(pods.map((d) => (d['metadata'] as Obj)['name']), ['trialgrid-worker']);
    const containers = (((pods[0]!['spec'] as Obj)['template'] as Obj)['spec'] as Obj)['containers'] as { ports: { name: string }[] }[];
    assert.ok(containers[0]!.ports.some((p) => p.name === pmSpec.podMetricsEndpoints[0]!.port));
    assert.equal(pmSpec.podMetricsEndpoints[0]!.path, '/metrics');
    // Kubernetes needs the health servers on 0.0.0.0 to probe and scrape them.
    const config = kind('ConfigMap')[0]!['data'] as Record<string, string>;
    assert.equal(config['HEALTH_HOST'], '0.0.0.0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Prometheus-metric autoscaler example queries a metric that exists', async () => {
  const bySeries = await seriesIndex();
  const [scaled] = parseAllDocuments(readFileSync(join(deployDir, 'k8s', 'components', 'prometheus-autoscaler', 'worker-autoscaler.yaml'), 'utf8')).map((d) => d.toJS() as Obj);
  const triggers = (scaled!['spec'] as { triggers: { type: string; metadata: { query: string } }[] }).triggers;
  assert.equal(triggers[0]!.type, 'prometheus');
  const used = checkQuery(triggers[0]!.metadata.query, 'prometheus autoscaler', bySeries);
  assert.ok(used.includes('trialgrid_queue_pending_messages'));
});

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
