// Checks of the deployment manifests that can run without a Docker engine or a cluster:
// every file parses, kustomize builds both overlays, each Kubernetes object validates against
// the Kubernetes OpenAPI schemas, every env var a manifest sets is one a service reads, the
// Dockerfile's entrypoints exist in the build, and the autoscaler watches the real queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { streamNames } from '@trialgrid/messaging';
import { repoRoot } from '@trialgrid/testing';
import { validateK8sObject } from './k8s-validate.js';

const root = repoRoot();
const deployDir = join(root, 'deploy');
type Obj = Record<string, unknown>;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function parseDocs(text: string, file: string): Obj[] {
  return parseAllDocuments(text, { merge: true }).map((d) => {
    assert.equal(d.errors.length, 0, `${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as Obj;
  }).filter((d) => d !== null);
}

// Each service's environment shape as built (`services/<name>/dist/config.js` exports `<name>Env`):
// the keys it declares itself and those it spreads in from libs/config (natsEnv, databaseEnv).
const ENV_SHAPES = new Map(
  await Promise.all(
    ['gateway', 'scheduler', 'registry', 'worker', 'launcher'].map(async (service) => {
      const mod = (await import(pathToFileURL(join(root, 'services', service, 'dist', 'config.js')).href)) as Record<string, object | undefined>;
      const shape = mod[`${service}Env`];
      assert.ok(shape, `services/${service}/dist/config.js exports no ${service}Env`);
      return [service, Object.keys(shape)] as const;
    }),
  ),
);

/** Env var names each service reads: the keys of its config schema plus what runService and node-postgres read. */
function envReadBy(service: string): Set<string> {
  const declared = ENV_SHAPES.get(service);
  assert.ok(declared, `no environment shape for services/${service}`);
  const keys = new Set(['LOG_LEVEL', 'HEALTH_HOST', ...declared]);
  // PGPASSWORD: read by node-postgres (libs/db's pool) when DATABASE_URL carries no password.
  if (keys.has('DATABASE_URL')) keys.add('PGPASSWORD');
  return keys;
}

const SERVICES = ['gateway', 'scheduler', 'registry', 'worker'] as const;

/**
 * `kubectl kustomize` of one overlay, on a copy of deploy/k8s whose git-ignored secret env
 * files are the committed examples (what a user does first).
 */
function kustomize(overlay: string): Obj[] {
  const copy = mkdtempSync(join(tmpdir(), 'tg-kustomize-'));
  try {
    cpSync(join(deployDir, 'k8s'), copy, { recursive: true });
    const secrets = join(copy, 'base', 'secrets');
    for (const f of readdirSync(secrets).filter((n) => n.endsWith('.env.example'))) copyFileSync(join(secrets, f), join(secrets, f.replace(/\.example$/, '')));
    const out = execFileSync('kubectl', ['kustomize', join(copy, 'overlays', overlay)], { encoding: 'utf8' });
    return parseDocs(out, overlay);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
const haveKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('every YAML file under deploy/ parses', () => {
  const files = yamlFiles(deployDir);
  assert.ok(files.length >= 10, `expected the compose file and k8s manifests, found ${files.length}`);
  for (const f of files) parseDocs(readFileSync(f, 'utf8'), f);
});

test('compose: services, health checks, start order, GPU reservation, env vars', () => {
  const [compose] = parseDocs(readFileSync(join(deployDir, 'compose.yaml'), 'utf8'), 'compose.yaml');
  const services = compose!['services'] as Record<string, Obj>;
  for (const name of ['postgres', 'nats', 'gateway', 'scheduler', 'registry', 'worker', 'worker-gpu']) {
    assert.ok(services[name], `compose lacks ${name}`);
    assert.ok(services[name]['healthcheck'], `${name} has no healthcheck`);
  }
  assert.deepEqual((services['nats']!['command'] as string[]).slice(0, 1), ['-js'], 'NATS must run with JetStream');
  const gpu = services['worker-gpu']!;
  const devices = ((gpu['deploy'] as Obj)['resources'] as Obj)['reservations'] as { devices: { driver: string; capabilities: string[] }[] };
  assert.equal(devices.devices[0]!.driver, 'nvidia');
  assert.deepEqual(devices.devices[0]!.capabilities, ['gpu']);
  assert.equal(services['worker']!['container_name'], undefined, 'a container_name would prevent --scale worker=N');
  assert.equal(services['worker']!['ports'], undefined, 'published ports would prevent --scale worker=N');
  const dockerfile = readFileSync(join(deployDir, 'Dockerfile'), 'utf8');
  for (const [name, svc] of Object.entries(services)) {
    const build = svc['build'] as { target?: string; dockerfile?: string } | undefined;
    if (build) assert.match(dockerfile, new RegExp(`\\bAS ${build.target}\\b`), `${name}: Dockerfile has no stage ${build.target}`);
    const command = svc['command'] as string[] | undefined;
    const entry = command?.find((c) => c.startsWith('services/')) ?? (name.startsWith('worker') ? 'services/worker/dist/main.js' : undefined);
    if (!entry) continue;
    const service = entry.split('/')[1]!;
    const reads = envReadBy(service);
    for (const key of Object.keys((svc['environment'] as Obj | undefined) ?? {})) {
      assert.ok(reads.has(key), `compose ${name} sets ${key}, which services/${service} does not read`);
    }
    const deps = svc['depends_on'] as Record<string, { condition: string }> | undefined;
    assert.ok(deps && Object.values(deps).every((d) => d.condition === 'service_healthy'), `${name} must wait for healthy dependencies`);
  }
});

test('compose: NATS needs a password per service and is not published; every password comes from deploy/.env', () => {
  const [compose] = parseDocs(readFileSync(join(deployDir, 'compose.yaml'), 'utf8'), 'compose.yaml');
  const services = compose!['services'] as Record<string, Obj>;
  const nats = services['nats']!;
  assert.equal(nats['ports'], undefined, 'port 4222 must not be published to the host');
  assert.deepEqual((nats['command'] as string[]).slice(-2), ['-c', '/etc/nats/auth.conf']);
  assert.ok((nats['volumes'] as string[]).includes('./nats/auth.conf:/etc/nats/auth.conf:ro'));
  assert.equal(services['postgres']!['ports'], undefined);
  const roleOf: Record<string, string> = { gateway: 'gateway', scheduler: 'scheduler', registry: 'registry', worker: 'worker', 'worker-gpu': 'worker' };
  for (const [name, role] of Object.entries(roleOf)) {
    const env = services[name]!['environment'] as Record<string, string>;
    assert.equal(env['NATS_USER'], role, name);
    assert.match(env['NATS_PASSWORD'] ?? '', new RegExp(`^\\$\\{NATS_${role.toUpperCase()}_PASSWORD:\\?`), `${name}: its own NATS password, required`);
    if (role === 'worker') {
      // A worker node holds its NATS password and nothing else: no database URL or password.
      assert.deepEqual(Object.keys(env).filter((k) => k === 'DATABASE_URL' || k.startsWith('PG')), [], `${name}: no database settings`);
      continue;
    }
    assert.doesNotMatch(env['DATABASE_URL'] ?? '', /:\/\/[^/@]*:[^/@]*@/, `${name}: no password in DATABASE_URL`);
    assert.match(env['PGPASSWORD'] ?? '', /^\$\{POSTGRES_PASSWORD:\?/);
  }
  const example = readFileSync(join(deployDir, '.env.example'), 'utf8');
  const interpolated = new Set([...readFileSync(join(deployDir, 'compose.yaml'), 'utf8').matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]!));
  for (const key of interpolated) assert.match(example, new RegExp(`^${key}=$`, 'm'), `deploy/.env.example lists ${key}`);
});

test('the NATS authorization in deploy/ is what libs/messaging gives (npm run deploy:nats)', () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'deploy-nats-config.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
});

/** Every file under deploy/ that git would commit (tracked, or new and not ignored). */
function committable(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'deploy'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((f) => f !== '' && existsSync(join(root, f)));
}

test('no secret or password is committed under deploy/', () => {
  const files = committable();
  assert.ok(files.some((f) => f.endsWith('compose.yaml')), `git ls-files found ${files.length} files`);
  // A value is a reference, not a secret, when it names an environment variable (${X...}, $X,
  // << $X >>), is a secretKeyRef, or is empty (a YAML mapping follows, or an example to fill in).
  const reference = /^(\$\{[A-Z0-9_]+|\$[A-Z0-9_]+$|<< \$[A-Z0-9_]+ >>$|\{.*secretKeyRef|""$|''$|$)/;
  const secretKey = /([A-Za-z0-9_.]*(?:PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|password|passwd|secret|token)[A-Za-z0-9_]*)"?\s*[:=]\s*(.*)$/;
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    text.split('\n').forEach((line, i) => {
      const where = `${file}:${i + 1}: ${line.trim()}`;
      if (/^\s*#/.test(line)) return;
      // URLs with a password in them: scheme://user:password@host
      if (/[a-z]+:\/\/[^\s/@:]+:[^\s/@]+@/.test(line)) problems.push(`URL with a password: ${where}`);
      // key: value / KEY=value / password: value where the key names a secret (configuration, not prose)
      const m = file.endsWith('.md') ? null : secretKey.exec(line);
      if (m && !/^(secretKeyRef|secretRef|secretGenerator|secretName)$/.test(m[1]!)) {
        const value = m[2]!.replace(/\s+#.*$/, '').trim().replace(/,$/, '').trim();
        if (!reference.test(value)) problems.push(`${m[1]} set to a literal: ${where}`);
      }
    });
    if (/\.ya?ml$/.test(file)) {
      for (const doc of parseDocs(text, file)) {
        if (doc['kind'] === 'Secret' && (doc['data'] || doc['stringData'])) problems.push(`${file}: a Secret with data (use the secretGenerator over git-ignored env files)`);
      }
    }
  }
  assert.deepEqual(problems, []);
  // The env files the secretGenerator reads are ignored by git, so a filled-in one cannot be committed.
  const ignored = execFileSync('git', ['check-ignore', 'deploy/k8s/base/secrets/db.env', 'deploy/k8s/base/secrets/nats.env', 'deploy/.env'], { cwd: root, encoding: 'utf8' });
  assert.equal(ignored.trim().split('\n').length, 3);
});

test('Dockerfile entrypoints exist in the build', () => {
  const dockerfile = readFileSync(join(deployDir, 'Dockerfile'), 'utf8');
  const entries = new Set([...dockerfile.matchAll(/services\/([a-z]+|\$\{SERVICE\})\/dist\/main\.js/g)].map((m) => m[1]!));
  assert.ok(entries.has('worker'));
  for (const svc of SERVICES) {
    assert.ok(existsSync(join(root, 'services', svc, 'dist', 'main.js')), `services/${svc}/dist/main.js is missing (build first)`);
  }
  for (const stage of ['build', 'service', 'worker-cpu', 'worker-gpu']) assert.match(dockerfile, new RegExp(`AS ${stage}\\b`));
  assert.match(dockerfile, /tfjs-node-gpu/);
  assert.ok(existsSync(join(root, '.dockerignore')));
});

for (const overlay of ['cpu', 'gpu']) {
  test(`kustomize overlay ${overlay} builds and every object validates`, { skip: haveKubectl ? false : 'kubectl not installed' }, () => {
    const objects = kustomize(overlay);
    // Generated Secrets carry a content hash in their name (kustomize rewrites the references).
    const kinds = objects.map((o) => `${String(o['kind'])}/${String((o['metadata'] as Obj)['name']).replace(/^(trialgrid-(db|nats))-[a-z0-9]+$/, '$1')}`);
    for (const want of ['Deployment/trialgrid-gateway', 'Deployment/trialgrid-scheduler', 'Deployment/trialgrid-registry', 'Deployment/trialgrid-worker', 'ScaledObject/trialgrid-worker', 'ConfigMap/trialgrid-config', 'Secret/trialgrid-db', 'Secret/trialgrid-nats']) {
      assert.ok(kinds.includes(want), `${overlay} lacks ${want}`);
    }
    const secretNames = objects.filter((o) => o['kind'] === 'Secret').map((o) => String((o['metadata'] as Obj)['name']));
    for (const obj of objects) validateK8sObject(obj);

    const config = objects.find((o) => o['kind'] === 'ConfigMap')!['data'] as Record<string, string>;
    const allReads = new Set(SERVICES.flatMap((s) => [...envReadBy(s)]));
    for (const key of Object.keys(config)) assert.ok(allReads.has(key), `ConfigMap sets ${key}, which no service reads`);

    for (const dep of objects.filter((o) => o['kind'] === 'Deployment')) {
      const containers = (((dep['spec'] as Obj)['template'] as Obj)['spec'] as Obj)['containers'] as Obj[];
      for (const c of containers) {
        const entry = (c['command'] as string[]).find((x) => x.startsWith('services/'))!;
        const service = entry.split('/')[1]!;
        const reads = envReadBy(service);
        const env = (c['env'] as { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] | undefined) ?? [];
        for (const e of env) {
          assert.ok(reads.has(e.name), `${String((dep['metadata'] as Obj)['name'])} sets ${e.name}, which services/${service} does not read`);
        }
        // Workers get no database Secret (they never connect to Postgres); the others do.
        const fromSecrets = ((c['envFrom'] as { secretRef?: { name: string } }[] | undefined) ?? []).flatMap((e) => (e.secretRef ? [e.secretRef.name.replace(/-[a-z0-9]+$/, '')] : []));
        assert.deepEqual(fromSecrets, service === 'worker' ? [] : ['trialgrid-db'], `${service}: Secrets mounted with envFrom`);
        // Its own NATS user, and only its own password, from the generated Secret.
        assert.equal(env.find((e) => e.name === 'NATS_USER')?.value, service);
        const password = env.find((e) => e.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef;
        assert.equal(password?.key, `NATS_${service.toUpperCase()}_PASSWORD`);
        assert.ok(password && secretNames.includes(password.name), `${service}: NATS_PASSWORD from ${password?.name}, not a generated Secret`);
        const ready = c['readinessProbe'] as { httpGet: { path: string } };
        const live = c['livenessProbe'] as { httpGet: { path: string } };
        assert.equal(ready.httpGet.path, '/readyz');
        assert.equal(live.httpGet.path, '/healthz');
      }
    }

    const worker = objects.find((o) => o['kind'] === 'Deployment' && (o['metadata'] as Obj)['name'] === 'trialgrid-worker')!;
    const podSpec = ((worker['spec'] as Obj)['template'] as Obj)['spec'] as Obj;
    const resources = ((podSpec['containers'] as Obj[])[0]!['resources'] as Obj)['limits'] as Record<string, string>;
    if (overlay === 'gpu') {
      assert.equal(resources['nvidia.com/gpu'], '1');
      assert.deepEqual(podSpec['nodeSelector'], { 'nvidia.com/gpu.present': 'true' });
      assert.ok((podSpec['tolerations'] as Obj[]).some((t) => t['key'] === 'nvidia.com/gpu'));
      assert.match(String((podSpec['containers'] as Obj[])[0]!['image']), /worker-gpu/);
    } else {
      assert.equal(resources['nvidia.com/gpu'], undefined);
    }

    const scaled = objects.find((o) => o['kind'] === 'ScaledObject')!;
    const spec = scaled['spec'] as { minReplicaCount: number; maxReplicaCount: number; scaleTargetRef: { name: string }; triggers: { type: string; metadata: Record<string, string> }[] };
    const names = streamNames('trialgrid');
    assert.equal(spec.scaleTargetRef.name, 'trialgrid-worker');
    assert.ok(spec.minReplicaCount >= 0 && spec.maxReplicaCount > spec.minReplicaCount);
    assert.equal(spec.triggers[0]!.type, 'nats-jetstream');
    assert.equal(spec.triggers[0]!.metadata['stream'], names.trials);
    assert.equal(spec.triggers[0]!.metadata['consumer'], names.workersConsumer);
  });
}

test("the README's configuration table documents every variable the services and the launcher read", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const documented = new Set<string>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstCell = line.split('|')[1] ?? '';
    for (const m of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) documented.add(m[1]!);
  }
  assert.ok(documented.size > 20, `parsed ${documented.size} variables from the table`);
  for (const service of [...SERVICES, 'launcher']) {
    const missing = [...envReadBy(service)].filter((k) => !documented.has(k));
    assert.deepEqual(missing, [], `${service} reads variables the README does not document`);
  }
});
