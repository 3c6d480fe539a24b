/**
 * bench:documented: the three documented MNIST runs (full data, 5 epochs) end to end through
 * the cluster, then the same three runs in PyTorch on the same machine, one after the other,
 * and a side-by-side table: wall time and test accuracy per run and in total.
 *
 * trialgrid side: `node services/launcher/dist/main.js` (what `npm start` runs) on a fresh
 * database and state directory, then `node services/cli/dist/demo.js --json` (what
 * `npm run demo` runs) with the admin token the launcher wrote; the wall time is the demo
 * command's, from submission until the registry has settled the best model. Per-run seconds
 * are the trials' `training_seconds` metric.
 * PyTorch side: `libs/ml/bench/torch_bench.py --documented DATA THREADS` (Keras-equivalent
 * models, Adam ε = 1e-7, validation each epoch on the last 10 % of the training set); its
 * wall time excludes loading the IDX files.
 *
 *   npm run bench:documented -- [--workers N] [--torch-threads N] [--python PATH] [--data DIR] [--no-torch]
 *   npm run bench:documented -- --quick   # a smoke run: 1,000 images, 1 epoch, no PyTorch
 *
 * Prints the table and one JSON line `{"bench":"documented",...}`. Exits 1 when a side fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dropDatabase } from '@trialgrid/db';
import { IDX_FILES } from '@trialgrid/ml';
import { mnistDir, repoRoot } from '@trialgrid/testing';
import { loadAverage, machineLine, printTable, round, stopChild } from './common.js';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string' },
    'torch-threads': { type: 'string', default: '2' },
    python: { type: 'string', default: '/usr/bin/python3' },
    data: { type: 'string' },
    'no-torch': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
});

interface RunFigures {
  name: string;
  testAccuracy: number | null;
  seconds: number | null;
}

interface DemoJson {
  trials: { name: string; status: string; test_accuracy: number | null; seconds: number | null }[];
  model: { name: string; version: number; stage: string | null; alias: string | null } | null;
  error?: { code: string; message: string };
}

/** Runs `cmd args` to completion; stdout as text, stderr passed through. Rejects on a non-zero exit. */
function runToEnd(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}\n${out.slice(-2000)}`))));
  });
}

/** The launcher as a child; resolves with the gateway URL once it prints "trialgrid is up". */
function startCluster(env: NodeJS.ProcessEnv, log: string[], postgresUrl: { value?: string }): { child: ChildProcess; up: Promise<string> } {
  const child = spawn(process.execPath, [join(repoRoot(), 'services', 'launcher', 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const up = new Promise<string>((resolve, reject) => {
    let gateway: string | undefined;
    let buffered = '';
    const onData = (b: Buffer): void => {
      buffered += b.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        log.push(line);
        const url = /GraphQL\s+(http:\/\/\S+\/graphql)/.exec(line);
        if (url) gateway = url[1];
        const pg = /Postgres\s+(postgres(?:ql)?:\/\/\S+) \((local|env)\)/.exec(line);
        if (pg) postgresUrl.value = pg[1];
        if (line.includes('trialgrid is up') && gateway) resolve(gateway);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the launcher exited (${code}) before it was up:\n${log.slice(-30).join('\n')}`)));
  });
  return { child, up };
}


/** The production gate's verdict on a model version, read from the gateway (GraphQL). */
interface GateVerdict {
  passed: boolean;
  checks: { criterion: string; passed: boolean; message: string }[];
}

async function gateVerdict(gateway: string, token: string, name: string, version: number): Promise<GateVerdict | null> {
  const query = 'query ($name: String!) { registeredModel(name: $name) { versions { version gate { passed checks { criterion passed message } } } } }';
  const res = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { name } }),
  });
  const body = (await res.json()) as { data?: { registeredModel: { versions: { version: number; gate: GateVerdict | null }[] } | null }; errors?: unknown };
  if (!res.ok || body.errors) throw new Error(`reading the gate verdict: HTTP ${res.status} ${JSON.stringify(body.errors)}`);
  return body.data?.registeredModel?.versions.find((v) => v.version === version)?.gate ?? null;
}

async function trialgridSide(data: string): Promise<{ wallS: number; runs: RunFigures[]; model: DemoJson['model']; gate: GateVerdict | null; backendLines: string[] }> {
  const stateDir = await mkdtemp(join(tmpdir(), 'tg-bench-documented-'));
  const log: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRIALGRID_STATE_DIR: stateDir,
    TRIALGRID_DATABASE: `tg_bench_documented_${Date.now()}`,
    DATA_DIR: data,
    ARTIFACT_DIR: join(stateDir, 'artifacts'),
    ...(args.workers !== undefined ? { WORKERS: args.workers } : {}),
  };
  // The cluster's database on a Postgres that outlives it (the machine's own, or DATABASE_URL),
  // read from the launcher's summary line, so it can be dropped afterwards.
  const postgresUrl: { value?: string } = {};
  const { child, up } = startCluster(env, log, postgresUrl);
  try {
    const gateway = await up;
    const token = (await readFile(join(stateDir, 'admin-token'), 'utf8')).trim();
    const t0 = performance.now();
    const out = await runToEnd(process.execPath, [join(repoRoot(), 'services', 'cli', 'dist', 'demo.js'), '--json', '--url', gateway, ...(args.quick ? ['--train-limit', '1000', '--test-limit', '500', '--epochs', '1'] : [])], { ...process.env, TRIALGRID_TOKEN: token });
    const wallS = (performance.now() - t0) / 1000;
    const result = JSON.parse(out.trim().split('\n').pop()!) as DemoJson;
    if (result.error) throw new Error(`demo: ${result.error.code}: ${result.error.message}`);
    return {
      wallS,
      runs: result.trials.map((t) => ({ name: t.name, testAccuracy: t.test_accuracy, seconds: t.seconds })),
      model: result.model,
      gate: result.model ? await gateVerdict(gateway, token, result.model.name, result.model.version) : null,
      backendLines: log.filter((l) => /backend|engine/i.test(l)).slice(0, 6),
    };
  } finally {
    await stopChild(child, 'SIGINT', 60_000);
    await rm(stateDir, { recursive: true, force: true });
    if (postgresUrl.value !== undefined && !postgresUrl.value.includes('***')) {
      await dropDatabase(postgresUrl.value).catch((err: unknown) => console.error(`bench:documented: could not drop ${postgresUrl.value}: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
}

async function torchSide(data: string): Promise<{ wallS: number; runs: RunFigures[]; info: Record<string, unknown> }> {
  const script = join(repoRoot(), 'libs', 'ml', 'bench', 'torch_bench.py');
  const threads = args['torch-threads'];
  const out = await runToEnd(args.python, [script, '--documented', data, threads], { ...process.env, OPENBLAS_NUM_THREADS: threads });
  const lines = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const total = lines.find((l) => 'documentedRunsSeconds' in l);
  if (!total) throw new Error(`torch_bench.py printed no total:\n${out.slice(-2000)}`);
  const runs = lines.filter((l) => 'run' in l).map((l) => ({ name: String(l['run']), testAccuracy: Number(l['test_accuracy']), seconds: Number(l['seconds']) }));
  const { documentedRunsSeconds, ...info } = total;
  return { wallS: Number(documentedRunsSeconds), runs, info };
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)} %`);
const secs = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v.toFixed(v < 10 ? 1 : 0)} s`);

async function main(): Promise<void> {
  const data = args.data ?? mnistDir();
  // Before anything starts: every trial would fail late without the data.
  const missing = Object.values(IDX_FILES).filter((f) => !existsSync(join(data, f)) && !existsSync(join(data, `${f}.gz`)));
  if (missing.length > 0) throw new Error(`MNIST not found in ${data} (missing ${missing.join(', ')}): pass --data DIR or set DATA_DIR`);
  console.log(`bench:documented — ${machineLine()}`);
  const loadBefore = loadAverage();
  const tg = await trialgridSide(data);
  for (const l of tg.backendLines) console.log(`  cluster: ${l}`);
  const torch = args['no-torch'] || args.quick ? undefined : await torchSide(data);
  const body = tg.runs.map((r) => {
    const t = torch?.runs.find((x) => x.name === r.name);
    const gap = t && r.testAccuracy !== null ? `${((r.testAccuracy - t.testAccuracy!) * 100).toFixed(2)} pt` : '—';
    return [r.name, secs(r.seconds), secs(t?.seconds), pct(r.testAccuracy), pct(t?.testAccuracy), gap];
  });
  body.push(['all three (wall)', secs(tg.wallS), secs(torch?.wallS), '', '', '']);
  printTable(['run', 'trialgrid time', 'PyTorch time', 'trialgrid test acc', 'PyTorch test acc', 'acc gap'], body);
  console.log(`model: ${tg.model ? `${tg.model.name} v${tg.model.version} ${tg.model.stage ?? 'no stage'} ${tg.model.alias ?? ''}` : 'none registered'}`);
  if (tg.gate) console.log(`production gate: ${tg.gate.passed ? 'passed' : 'failed'} — ${tg.gate.checks.map((c) => `${c.passed ? '✓' : '✗'} ${c.message}`).join('; ')}`);
  console.log(
    JSON.stringify({
      bench: 'documented',
      trialgrid: { wallS: round(tg.wallS, 1), runs: tg.runs, model: tg.model, gate: tg.gate },
      torch: torch ? { wallS: round(torch.wallS, 1), runs: torch.runs, ...torch.info } : null,
      ratio: torch ? round(torch.wallS / tg.wallS, 3) : null,
      loadAverage: [...loadBefore, ...loadAverage()],
    }),
  );
}

main().catch((err: unknown) => {
  console.error(`bench:documented: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
