import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sleep } from './net.js';

// ---------------------------------------------------------------- output

export type LogFormat = 'pretty' | 'json';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every service line carries that the prefix already says, or that only add noise. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'v']);

function levelName(level: unknown): string {
  if (typeof level === 'number') return LEVELS[level] ?? String(level);
  if (typeof level === 'string') return level.toUpperCase();
  return 'INFO';
}

function timeOf(time: unknown): string {
  const date = typeof time === 'number' || typeof time === 'string' ? new Date(time) : new Date();
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(11, 23);
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * One child output line for the terminal. pino JSON lines become
 * `12:00:01.123 INFO  message key=value ...` in 'pretty'; anything else is left as it is.
 */
export function formatLogLine(line: string, format: LogFormat): string {
  if (format === 'json' || !line.startsWith('{')) return line;
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return line;
  const r = rec as Record<string, unknown>;
  if (!('msg' in r) && !('level' in r)) return line;
  const extras = Object.entries(r)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${valueText(v)}`);
  const msg = typeof r['msg'] === 'string' ? r['msg'] : '';
  return [timeOf(r['time']), levelName(r['level']).padEnd(5), msg, ...extras].filter((s) => s !== '').join(' ');
}

/** Writes lines prefixed with their source (`gateway   | ...`), so many processes share one terminal. */
export class Output {
  private width = 8;

  constructor(
    private readonly format: LogFormat,
    private readonly write: (text: string) => void = (text) => void process.stdout.write(text),
  ) {}

  /** Widen the prefix column so every name in the run lines up. */
  reserve(name: string): void {
    this.width = Math.max(this.width, name.length);
  }

  line(source: string, text: string): void {
    this.write(`${source.padEnd(this.width)} | ${formatLogLine(text, this.format)}\n`);
  }

  /** The launcher's own messages. */
  info(text: string): void {
    this.line('launcher', text);
  }
}

// ---------------------------------------------------------------- child processes

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user/group (the embedded Postgres refuses to run as root). */
  uid?: number;
  gid?: number;
  /** Consecutive processes of one group are stopped together (the workers). */
  group?: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/**
 * A child in its own process group. Why detached: a Ctrl-C in the terminal signals the whole
 * foreground group at once; keeping children out of it lets the launcher stop them in order
 * (workers before the scheduler, Postgres last) instead of all at the same moment.
 */
export class ManagedProcess {
  readonly spec: ProcessSpec;
  readonly name: string;
  readonly group: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  /** The last lines of output, for error messages when it dies early. */
  readonly tail: string[] = [];
  private exitInfo: ExitInfo | undefined;

  constructor(spec: ProcessSpec, onLine: (name: string, line: string) => void) {
    this.spec = spec;
    this.name = spec.name;
    this.group = spec.group ?? spec.name;
    this.child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      ...(spec.uid === undefined ? {} : { uid: spec.uid }),
      ...(spec.gid === undefined ? {} : { gid: spec.gid }),
    });
    this.exited = new Promise<ExitInfo>((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
      this.child.once('error', (error) => {
        // 'error' without a pid means it never started and no 'exit' will follow.
        if (this.child.pid === undefined) {
          this.exitInfo = { code: null, signal: null, error };
          resolve(this.exitInfo);
        }
      });
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.tail.push(line);
        if (this.tail.length > 30) this.tail.shift();
        onLine(this.name, line);
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.pid !== undefined && this.exitInfo === undefined;
  }

  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  /** Signal the whole group (the child and anything it spawned); never throws. */
  signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  }

  /**
   * Ask it to stop with `signal`, wait up to `timeoutMs`, then SIGKILL the whole group. Also
   * kills what it left behind in its group after a clean exit. Resolves with how it ended.
   */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<ExitInfo & { forced: boolean }> {
    let forced = false;
    if (this.alive) {
      this.child.kill(signal);
      const timer = sleep(timeoutMs).then(() => 'timeout' as const);
      const result = await Promise.race([this.exited, timer]);
      if (result === 'timeout') {
        forced = true;
        this.signalGroup('SIGKILL');
      }
    }
    const info = await this.exited;
    this.signalGroup('SIGKILL');
    return { ...info, forced };
  }
}

export function describeExit(info: ExitInfo): string {
  if (info.error) return `failed to start: ${info.error.message}`;
  if (info.signal) return `killed by ${info.signal}`;
  return `exited with code ${info.code ?? '?'}`;
}

/**
 * The services in start order. `stopAll` runs in reverse, processes of one group (all workers)
 * together, each with SIGTERM then SIGKILL after the timeout.
 */
export class Supervisor {
  private readonly procs: ManagedProcess[] = [];
  private stopping = false;

  constructor(
    private readonly output: Output,
    /** Called when a child exits while the supervisor is not stopping. */
    private readonly onUnexpectedExit: (proc: ManagedProcess, info: ExitInfo) => void,
  ) {}

  start(spec: ProcessSpec): ManagedProcess {
    this.output.reserve(spec.name);
    return this.watch(new ManagedProcess(spec, (name, line) => this.output.line(name, line)), this.procs.length);
  }

  /**
   * Starts `proc`'s command again in its place (same spec, same position in the stop order).
   * Returns the new process, or undefined when the supervisor is stopping.
   */
  restart(proc: ManagedProcess): ManagedProcess | undefined {
    if (this.stopping) return undefined;
    const index = this.procs.indexOf(proc);
    if (index < 0) throw new Error(`${proc.name} is not supervised here`);
    return this.watch(new ManagedProcess(proc.spec, (name, line) => this.output.line(name, line)), index);
  }

  private watch(proc: ManagedProcess, index: number): ManagedProcess {
    this.procs[index] = proc;
    void proc.exited.then((info) => {
      if (!this.stopping) this.onUnexpectedExit(proc, info);
    });
    return proc;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  get processes(): readonly ManagedProcess[] {
    return this.procs;
  }

  async stopAll(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const groups: ManagedProcess[][] = [];
    for (const proc of this.procs) {
      const last = groups.at(-1);
      if (last?.[0]?.group === proc.group) last.push(proc);
      else groups.push([proc]);
    }
    for (const group of groups.reverse()) {
      await Promise.all(
        group.map(async (proc) => {
          if (!proc.alive) return;
          this.output.info(`stopping ${proc.name} (pid ${proc.pid ?? '?'})`);
          const result = await proc.stop('SIGTERM', timeoutMs);
          this.output.info(`${proc.name} ${result.forced ? `did not stop within ${timeoutMs} ms, killed` : describeExit(result)}`);
        }),
      );
    }
  }

  /** Last resort (second Ctrl-C, launcher exiting): SIGKILL every child still running, with its group. */
  killAll(): void {
    for (const proc of this.procs) if (proc.alive) proc.signalGroup('SIGKILL');
  }
}

export interface WaitReadyOptions {
  timeoutMs: number;
  /** Stop waiting when this process dies. */
  proc?: ManagedProcess;
  /** Stop waiting when this returns true (shutdown began). */
  cancelled?: () => boolean;
  intervalMs?: number;
}

/** Polls `url` until it answers 200. Rejects on timeout, when `proc` exits, or when cancelled. */
export async function waitReady(url: string, options: WaitReadyOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (options.cancelled?.()) throw new Error('cancelled');
    const exit = options.proc?.exit;
    if (exit) throw new Error(`${options.proc?.name ?? 'process'} ${describeExit(exit)} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      last = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${options.timeoutMs} ms (last: ${last})`);
    await sleep(options.intervalMs ?? 200);
  }
}

export interface RestartPolicyOptions {
  /** Restarts allowed within `windowMs` before the policy gives up (default 5). */
  maxRestarts?: number;
  /** Sliding window of `maxRestarts` (default 10 minutes). */
  windowMs?: number;
  /** Delay before the first restart (default 1 s); doubles with each restart in the window. */
  initialDelayMs?: number;
  /** Largest delay (default 30 s). */
  maxDelayMs?: number;
}

export type RestartDecision = { restart: true; delayMs: number; attempt: number } | { restart: false; reason: string };

/**
 * When to restart a service that died, like a process supervisor (systemd's
 * `Restart=on-failure` with `StartLimitBurst`/`StartLimitIntervalSec`): with a delay that
 * doubles for each restart within the window (backoff), and not at all once `maxRestarts`
 * restarts happened within `windowMs` (a service that keeps dying stops the cluster instead
 * of flapping for ever). One policy per service instance.
 */
export class RestartPolicy {
  private readonly restarts: number[] = [];
  private readonly maxRestarts: number;
  private readonly windowMs: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(options: RestartPolicyOptions = {}) {
    this.maxRestarts = options.maxRestarts ?? 5;
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  /** Call when the process died at `now` (ms); records the restart when it says restart. */
  onExit(now: number): RestartDecision {
    while (this.restarts.length > 0 && this.restarts[0]! <= now - this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.maxRestarts) {
      return { restart: false, reason: `it died ${this.restarts.length + 1} times within ${Math.round(this.windowMs / 1000)} s` };
    }
    const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.restarts.length);
    this.restarts.push(now);
    return { restart: true, delayMs, attempt: this.restarts.length };
  }
}
