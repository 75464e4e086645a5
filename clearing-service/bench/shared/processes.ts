import { nodeFlagsOf } from '../../src/config/node-flags';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

export interface Child {
  name: string;
  process: ChildProcess;
  /** The child's output lines (LOG_LEVEL=warn: warnings and errors only), the last 200. */
  lines: string[];
  profileFile: string | null;
}

/** Starts dist/<script> as its own process with the bench's environment. */
export function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  profileFile: string | null,
): Child {
  const entry = join(DIST, script);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm run build)`);
  const flags = nodeFlagsOf(script);
  const args = profileFile
    ? [...flags, '--require', join(__dirname, 'profile-hook.js'), entry]
    : [...flags, entry];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, ...(profileFile ? { BENCH_PROFILE_FILE: profileFile } : {}) },
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        if (lines.length > 200) lines.shift();
      }
    });
  }
  return { name, process: child, lines, profileFile };
}

/** A bench's own server script (a floor) as its own process, its stderr kept. */
export function startScript(name: string, file: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const started: Child = { name, process: child, lines: [], profileFile: null };
  child.stderr?.on('data', (c: Buffer) => started.lines.push(c.toString()));
  return started;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stopChild(child: Child, graceMs = 20_000): Promise<void> {
  const p = child.process;
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForReady(base: string, children: Child[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.process.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited: ${dead.lines.slice(-5).join(' | ')}`);
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the api was not ready at ${base}/health/ready within ${timeoutMs / 1000} s`);
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Pids of the running servers we measure but did not start (read-only: /proc). */
export function pidsOf(name: string): number[] {
  try {
    return execFileSync('pgrep', ['-x', name]).toString().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export interface CpuMeter {
  names: string[];
  /** Cores used by each process (CPU seconds per wall second) since the meter started. */
  read(): Record<string, number>;
}

/**
 * Where the two cores went during a phase: the api, the worker, MariaDB, Redis, the bench itself
 * (the load generator shares the machine too), and `other`: everything else that ran meanwhile
 * (the machine's busy time minus those), which says whether the run had the machine to itself.
 */
export function cpuMeter(processes: Record<string, () => number>): CpuMeter {
  const all = { ...processes, machine: machineBusySeconds };
  const start = Object.fromEntries(Object.entries(all).map(([k, f]) => [k, f()]));
  const t0 = performance.now();
  return {
    names: [...Object.keys(processes), 'other'],
    read() {
      const wall = (performance.now() - t0) / 1000;
      const used = Object.fromEntries(
        Object.entries(all).map(([k, f]) => [k, (f() - start[k]) / wall]),
      );
      const ours = Object.keys(processes).reduce((sum, k) => sum + used[k], 0);
      const { machine, ...each } = used;
      return { ...each, other: Math.max(0, machine - ours) };
    },
  };
}

/** CPU seconds the whole machine has been busy (all cores; /proc/stat, everything but idle and iowait). */
export function machineBusySeconds(): number {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user, nice, system, , , irq, softirq, steal] = cpu;
    return (user + nice + system + irq + softirq + steal) / CLK_TCK;
  } catch {
    return 0;
  }
}

export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
