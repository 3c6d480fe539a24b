#!/usr/bin/env node
/**
 * `npm run engine:install` — installs the native TensorFlow engine (`@tensorflow/tfjs-node`)
 * without downloading anything from Google's servers, for machines that cannot reach them
 * (CI, air-gapped clusters, this project's development machines).
 *
 * An online `npm ci` already installs `@tensorflow/tfjs-node` (an optional dependency of
 * `@trialgrid/ml`): its own install script downloads libtensorflow 2.9.1 and a prebuilt addon.
 * Where that download fails, npm drops the package and workers train on wasm. This command
 * then builds the same package from parts that a package registry can serve:
 *
 *   1. the TensorFlow C library (`libtensorflow_cc.so.2`, `libtensorflow_framework.so.2`) and
 *      its C headers, taken from the `tensorflow-cpu` wheel on PyPI (`pip download`, or
 *      a wheel file named by `TRIALGRID_TF_WHEEL`), stripped, unpacked once into
 *      `<cache>/libtensorflow-<variant>-<version>/` with the file names tfjs-node links against;
 *   2. the `@tensorflow/tfjs-node` package itself at the version `package-lock.json` pins,
 *      put back into node_modules by npm (`--ignore-scripts`, so no download is tried);
 *   3. its N-API addon, compiled by the package's own install script (node-gyp, Node headers
 *      from the local Node installation) against that library, and cached as
 *      `<cache>/addon-<...>/tfjs_binding.node` so the next checkout only copies it.
 *
 * `<cache>` is `$TRIALGRID_CACHE_DIR`, else `$XDG_CACHE_HOME/trialgrid`, else `~/.cache/trialgrid`.
 * Idempotent: a second run that finds the engine loading says so and exits 0 in seconds.
 *
 * Options: `--force` rebuilds the addon (the unpacked library is kept); `--gpu` builds
 * `@tensorflow/tfjs-node-gpu` from the `tensorflow` wheel (CUDA libraries come from the
 * NVIDIA pip packages that wheel depends on; never run on a GPU machine by this project's CI).
 * Exit 0 when the engine loads at the end; 1 with one line saying which step failed.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const USAGE = `usage: npm run engine:install [-- --force] [--copy] [--gpu]
  --force  rebuild the addon (the unpacked library is kept)
  --copy   copy the library into node_modules instead of linking to the cache (container images:
           the checkout then no longer needs the cache)
  --gpu    @tensorflow/tfjs-node-gpu from the \`tensorflow\` wheel (untested: no GPU machine with Node)
settings: TRIALGRID_CACHE_DIR, TRIALGRID_TF_WHEEL, TRIALGRID_PYTHON, TRIALGRID_TF_VERSION (README, "Training engine")`;
const KNOWN = new Set(['--force', '--copy', '--gpu', '--help', '-h']);
const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!KNOWN.has(a)) {
    console.error(`[engine] unknown option ${a}\n${USAGE}`);
    process.exit(2);
  }
}
if (args.has('--help') || args.has('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const gpu = args.has('--gpu');
const force = args.has('--force');
const copy = args.has('--copy');

/** TensorFlow version of the wheel the library is taken from (PyPI `tensorflow-cpu`). */
const TF_VERSION = process.env.TRIALGRID_TF_VERSION ?? '2.21.0';
const variant = gpu ? 'gpu' : 'cpu';
const pkgName = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
const wheelName = gpu ? 'tensorflow' : 'tensorflow-cpu';
const python = process.env.TRIALGRID_PYTHON ?? 'python3';
const cacheRoot =
  process.env.TRIALGRID_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'trialgrid');
/** The library version tfjs-node's scripts and binding.gyp expect in file names. */
const TFJS_LIB_VERSION = '2.9.1';

const log = (msg) => console.log(`[engine] ${msg}`);
/** A failed step: thrown, so that every `finally` cleans up before main() prints it and exits 1. */
class StepFailed extends Error {}
function fail(msg) {
  throw new StepFailed(msg);
}

/** Temporary folders of this run, removed on any exit (failure, Ctrl-C, SIGTERM). */
const temporaries = new Set();
function removeTemporaries() {
  for (const t of temporaries) rmSync(t, { recursive: true, force: true });
  temporaries.clear();
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    removeTemporaries();
    console.error(`[engine] interrupted (${signal}); temporary files removed`);
    process.exit(130);
  });
}

/** Leftovers of earlier runs that died (their PID no longer runs): `*.tmp-<pid>` in the cache. */
function removeStaleTemporaries() {
  if (!existsSync(cacheRoot)) return;
  for (const name of readdirSync(cacheRoot)) {
    const m = /\.tmp-(\d+)$/.exec(name);
    if (m === null) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch {
      alive = false;
    }
    if (!alive) {
      rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
      log(`removed ${name}, left by an interrupted run`);
    }
  }
}

/** Runs a command; returns its stdout, or fails with the command's last stderr lines. */
function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error !== undefined) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n');
    fail(`${cmd} ${argv.join(' ')} exited ${r.status}\n${tail}`);
  }
  return r.stdout ?? '';
}

/**
 * The pinned version, from package-lock.json (what `npm ci` would install). tfjs-node-gpu is not
 * a dependency (CPU users would download the CUDA build); it takes tfjs-node's version, since
 * both are released together.
 */
function lockedVersion() {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const entry = lock.packages?.['node_modules/@tensorflow/tfjs-node'];
  if (entry?.version === undefined) fail('@tensorflow/tfjs-node is not in package-lock.json (it is an optional dependency of libs/ml)');
  return entry.version;
}

/**
 * Loads the engine in a child process and reports what it runs on:
 * `{ ok: true, tfjsNode, tensorflow }`, or `{ ok: false, why }`.
 */
function probe() {
  const script = `
    const tf = require(${JSON.stringify(pkgName)});
    const b = tf.backend();
    const t = tf.tidy(() => tf.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([3, 3, 1, 2]), 1, 'valid').sum());
    const v = t.dataSync()[0];
    if (tf.getBackend() !== 'tensorflow' || v !== 72) throw new Error('unexpected result ' + v + ' on ' + tf.getBackend());
    console.log(JSON.stringify({ tfjsNode: tf.version['tfjs-node'], tensorflow: b.binding.TF_Version }));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: path.join(root, 'libs', 'ml'), encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } });
  if (r.status === 0) {
    try {
      return { ok: true, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
    } catch {
      return { ok: false, why: `unreadable probe output: ${r.stdout.slice(-200)}` };
    }
  }
  const why = `${r.stderr}`.split('\n').find((l) => /Error|error:/.test(l)) ?? `exit ${r.status}`;
  return { ok: false, why: why.trim().slice(0, 300) };
}

function findPackageDir() {
  const req = createRequire(path.join(root, 'libs', 'ml', 'package.json'));
  try {
    return path.dirname(req.resolve(`${pkgName}/package.json`));
  } catch {
    return undefined;
  }
}

// ---- 1. the TensorFlow C library from the wheel ------------------------------------------

function findWheel(dir) {
  if (process.env.TRIALGRID_TF_WHEEL !== undefined) {
    if (!existsSync(process.env.TRIALGRID_TF_WHEEL)) fail(`TRIALGRID_TF_WHEEL=${process.env.TRIALGRID_TF_WHEEL} does not exist`);
    return process.env.TRIALGRID_TF_WHEEL;
  }
  const prefix = `${wheelName.replace(/-/g, '_')}-${TF_VERSION}-`;
  const found = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.whl')) : undefined;
  return found === undefined ? undefined : path.join(dir, found);
}

/** Header paths (relative to the wheel's tensorflow/include/) that tfjs-node's binding needs. */
const HEADER_PREFIXES = ['tensorflow/c/', 'tensorflow/core/platform/ctstring', 'tsl/platform/ctstring', 'xla/tsl/c/', 'tsl/c/', 'tensorflow/compiler/xla/tsl/c/', 'tensorflow/tsl/c/'];

// Extraction uses Python's zipfile: pip (hence Python) is already needed to fetch the wheel.
const EXTRACT_PY = `
import json, os, shutil, sys, zipfile
wheel, out, prefixes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
libs = {'tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2'}
n = 0
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if name.endswith('/'):
            continue
        if name in libs:
            dest = os.path.join(out, 'lib', os.path.basename(name))
        elif name.startswith('tensorflow/include/') and any(name[len('tensorflow/include/'):].startswith(p) for p in prefixes):
            dest = os.path.join(out, 'include', name[len('tensorflow/include/'):])
        else:
            continue
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with z.open(info) as src, open(dest, 'wb') as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        n += 1
missing = [l for l in libs if not os.path.exists(os.path.join(out, 'lib', os.path.basename(l)))]
if missing:
    sys.exit('wheel lacks ' + ', '.join(missing))
print(n)
`;

function ensureLibrary() {
  const libDir = path.join(cacheRoot, `libtensorflow-${variant}-${TF_VERSION}`);
  if (existsSync(path.join(libDir, 'VERSION.json'))) {
    log(`TensorFlow ${TF_VERSION} C library: cached in ${libDir}`);
    return libDir;
  }
  const wheelDir = path.join(cacheRoot, 'wheels');
  mkdirSync(wheelDir, { recursive: true });
  let wheel = findWheel(wheelDir);
  if (wheel === undefined) {
    log(`downloading the ${wheelName} ${TF_VERSION} wheel with pip (about 270 MB, once)`);
    run(python, ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '-d', wheelDir, `${wheelName}==${TF_VERSION}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    wheel = findWheel(wheelDir);
    if (wheel === undefined) fail(`pip reported success but no ${wheelName}-${TF_VERSION} wheel is in ${wheelDir}`);
  }
  log(`unpacking the C library and headers from ${path.basename(wheel)}`);
  const tmp = `${libDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  temporaries.add(tmp);
  try {
    const files = run(python, ['-c', EXTRACT_PY, wheel, tmp, JSON.stringify(HEADER_PREFIXES)]).trim();
    const lib = path.join(tmp, 'lib');
    const strip = spawnSync('strip', ['--version'], { stdio: 'ignore' }).status === 0;
    if (strip) {
      for (const f of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) run('strip', ['--strip-unneeded', path.join(lib, f)]);
    } else {
      log('strip not found: keeping the libraries unstripped (larger, same code)');
    }
    // binding.gyp links -ltensorflow -ltensorflow_framework; tfjs-node's install script looks
    // for libtensorflow.so.<TFJS_LIB_VERSION>; at run time the sonames (*.so.2) are loaded.
    const links = {
      'libtensorflow.so': 'libtensorflow_cc.so.2',
      'libtensorflow.so.2': 'libtensorflow_cc.so.2',
      [`libtensorflow.so.${TFJS_LIB_VERSION}`]: 'libtensorflow_cc.so.2',
      'libtensorflow_framework.so': 'libtensorflow_framework.so.2',
      [`libtensorflow_framework.so.${TFJS_LIB_VERSION}`]: 'libtensorflow_framework.so.2',
    };
    for (const [name, target] of Object.entries(links)) symlinkSync(target, path.join(lib, name));
    writeFileSync(path.join(tmp, 'VERSION.json'), `${JSON.stringify({ tensorflow: TF_VERSION, variant, wheel: path.basename(wheel), files: Number(files), stripped: strip }, null, 2)}\n`);
    if (existsSync(path.join(libDir, 'VERSION.json'))) {
      log('another run unpacked the library meanwhile; keeping that one');
    } else {
      rmSync(libDir, { recursive: true, force: true });
      renameSync(tmp, libDir);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    temporaries.delete(tmp);
  }
  return libDir;
}

// ---- 2. the package -------------------------------------------------------------------------

function ensurePackage(version) {
  let dir = findPackageDir();
  if (dir !== undefined) return dir;
  log(`putting ${pkgName}@${version} into node_modules (npm install --ignore-scripts)`);
  // CPU: reifying the lockfile again restores the optional package that npm dropped when its
  // download failed. GPU: the package is added without saving. Either way --ignore-scripts
  // keeps its install script from trying the download again.
  const spec = gpu ? [`${pkgName}@${version}`] : [];
  run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--include=optional', ...spec], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  dir = findPackageDir();
  if (dir === undefined) fail(`npm install did not restore ${pkgName}; is it in libs/ml optionalDependencies and package-lock.json?`);
  return dir;
}

// ---- 3. the addon ---------------------------------------------------------------------------

function napiDir(pkgDir) {
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const supported = pkg.binary.napi_versions.filter((v) => v <= Number(process.versions.napi));
  const napi = Math.max(...supported);
  return path.join(pkgDir, pkg.binary.module_path.replace('{napi_build_version}', String(napi)));
}

function linkLibrary(pkgDir, libDir) {
  const deps = path.join(pkgDir, 'deps');
  let stat;
  try {
    stat = lstatSync(deps);
  } catch {
    stat = undefined;
  }
  if (stat !== undefined) rmSync(deps, { recursive: true, force: true });
  if (copy) {
    // Self-contained node_modules (container images): ~600 MB copied, relative links kept.
    cpSync(libDir, deps, { recursive: true, verbatimSymlinks: true });
    log(`copied the library into ${path.relative(root, deps)}`);
    return;
  }
  // The addon's rpath is $ORIGIN/../../deps/lib: a link keeps one copy of the 600 MB library
  // per machine instead of one per checkout (deleting the cache turns this checkout back to wasm
  // until the next engine:install).
  symlinkSync(libDir, deps);
}

function ensureAddon(pkgDir, version, libDir) {
  const target = napiDir(pkgDir);
  const addonKey = `addon-${pkgName.replace('@tensorflow/', '')}-${version}-tf${TF_VERSION}-${process.platform}-${process.arch}-${path.basename(target)}`;
  const cached = path.join(cacheRoot, addonKey, 'tfjs_binding.node');
  if (!force && existsSync(cached)) {
    mkdirSync(target, { recursive: true });
    copyFileSync(cached, path.join(target, 'tfjs_binding.node'));
    log(`addon: copied the cached build (${addonKey})`);
    return;
  }
  log('compiling the tfjs-node addon against TensorFlow (node-gyp, about a minute on 2 cores)');
  const started = Date.now();
  const env = { ...process.env, npm_config_build_from_source: 'true', PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` };
  // Node headers from the running Node installation, so node-gyp needs no download.
  const nodeDir = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(nodeDir, 'include', 'node', 'node_api.h'))) env.npm_config_nodedir = nodeDir;
  run(process.execPath, [path.join('scripts', 'install.js'), gpu ? 'gpu' : 'cpu'], { cwd: pkgDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const built = path.join(target, 'tfjs_binding.node');
  if (!existsSync(built)) fail(`the build finished but ${built} is missing`);
  mkdirSync(path.dirname(cached), { recursive: true });
  copyFileSync(built, `${cached}.tmp-${process.pid}`);
  renameSync(`${cached}.tmp-${process.pid}`, cached);
  log(`addon built in ${Math.round((Date.now() - started) / 1000)} s, cached as ${addonKey}`);
}

// ---- main -----------------------------------------------------------------------------------

function main() {
  if (gpu && process.platform !== 'linux') fail('the GPU engine is built for Linux only');
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`the offline installer supports linux-x64 (this is ${process.platform}-${process.arch}); elsewhere \`npm ci\` online installs ${pkgName} with its own download`);
  }
  removeStaleTemporaries();
  if (process.env.TRIALGRID_TF_WHEEL !== undefined && existsSync(path.join(cacheRoot, `libtensorflow-${variant}-${TF_VERSION}`, 'VERSION.json'))) {
    log(`note: TRIALGRID_TF_WHEEL is not read, the library is already unpacked in ${cacheRoot} (delete libtensorflow-${variant}-${TF_VERSION} there to unpack again)`);
  }
  const version = lockedVersion();
  if (!force && !copy) {
    const before = probe();
    if (before.ok) {
      log(`already installed: ${pkgName} ${before.tfjsNode} on TensorFlow ${before.tensorflow}; nothing to do`);
      return;
    }
  }
  const libDir = ensureLibrary();
  const pkgDir = ensurePackage(version);
  linkLibrary(pkgDir, libDir);
  ensureAddon(pkgDir, version, libDir);
  const after = probe();
  if (!after.ok) fail(`${pkgName} was built but does not load: ${after.why}`);
  log(`installed: ${pkgName} ${after.tfjsNode} on TensorFlow ${after.tensorflow} (library in ${libDir})`);
}

try {
  main();
} catch (err) {
  removeTemporaries();
  console.error(`[engine] FAILED: ${err instanceof StepFailed ? err.message : (err?.stack ?? String(err))}`);
  process.exit(1);
}
