import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** `count` distinct free TCP ports on 127.0.0.1 (held open together, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One Settle process (a service or the SNS sandbox) run with `node -r @swc-node/register`, its
 * stdout and stderr in a log file. Started in its own process group so a Ctrl-C in the terminal
 * reaches only the demo, which then stops every child in order.
 */
export class ChildService {
  readonly url: string;
  readonly logFile: string;
  private readonly child: ChildProcess;
  private exitInfo?: ExitInfo;
  readonly exited: Promise<ExitInfo>;

  constructor(
    readonly name: string,
    entry: string,
    readonly port: number,
    env: Record<string, string>,
    logDir: string,
    cwd: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.logFile = join(logDir, `${name}.log`);
    const fd = openSync(this.logFile, 'a');
    try {
      this.child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
        cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', fd, fd],
        detached: true,
      });
    } finally {
      closeSync(fd);
    }
    this.exited = new Promise<ExitInfo>((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
      this.child.once('error', (error) => {
        this.exitInfo = { code: -1, signal: null };
        process.stderr.write(`${name}: could not start: ${error.message}\n`);
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined && this.child.pid !== undefined;
  }

  get exit(): ExitInfo | undefined {
    return this.exitInfo;
  }

  /** The last lines of the log, for error reports. */
  tail(lines = 15): string {
    try {
      return readFileSync(this.logFile, 'utf8').replace(ANSI_COLOURS, '').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Polls `path` until it answers 200; fails early if the process exits. */
  async waitUntilHealthy(path: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited during start-up (${describeExit(this.exitInfo)}); log ${this.logFile}:\n${this.tail()}`);
      try {
        const res = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${this.name} did not answer 200 on ${path} within ${timeoutMs / 1000}s; log ${this.logFile}:\n${this.tail()}`);
  }

  /** SIGTERM, then wait for a graceful exit; SIGKILL after `graceMs`. Returns how it ended. */
  async stop(graceMs: number): Promise<{ exit: ExitInfo; killed: boolean }> {
    if (!this.running) return { exit: this.exitInfo ?? { code: null, signal: null }, killed: false };
    this.signal('SIGTERM');
    const timer = sleep(graceMs).then(() => 'timeout' as const);
    const outcome = await Promise.race([this.exited, timer]);
    if (outcome !== 'timeout') return { exit: outcome, killed: false };
    this.signal('SIGKILL');
    return { exit: await this.exited, killed: true };
  }

  /** Last resort from a synchronous `exit` handler. */
  killNow(): void {
    if (this.running) this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      if (this.child.pid !== undefined) process.kill(this.child.pid, signal);
    } catch {
      // already gone
    }
  }
}

export function describeExit(exit: ExitInfo | undefined): string {
  if (!exit) return 'still running';
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * What the processes complained about: warnings and errors of every log, grouped by message,
 * with the first error text of each group. Service logs are redacted JSON (pino), so no personal data.
 */
export function logDigest(children: ChildService[], perService = 6): string {
  const lines: string[] = [];
  for (const child of children) {
    let text: string;
    try {
      text = readFileSync(child.logFile, 'utf8');
    } catch {
      continue;
    }
    const groups = new Map<string, { count: number; sample: string }>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let entry: { level?: string; msg?: string; err?: { message?: string }; error?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        continue; // Nest's own start-up output before the JSON logger takes over; tail() shows it
      }
      if (!['warn', 'error', 'fatal'].includes(entry.level ?? '')) continue;
      if (entry.msg?.startsWith('Limiting retries for the idempotent producer')) continue;
      const key = `${entry.level}: ${entry.msg ?? '(no message)'}`;
      const group = groups.get(key) ?? { count: 0, sample: (entry.err?.message ?? entry.error ?? '').slice(0, 200) };
      group.count += 1;
      groups.set(key, group);
    }
    if (!groups.size) continue;
    lines.push(`  ${child.name} (${child.logFile}):`);
    for (const [key, { count, sample }] of [...groups].sort((a, b) => b[1].count - a[1].count).slice(0, perService)) {
      lines.push(`    ${String(count).padStart(4)} × ${key}${sample ? ` — ${sample}` : ''}`);
    }
  }
  return lines.length ? `What the services logged (warn and above):\n${lines.join('\n')}` : 'The services logged no warnings or errors.';
}
