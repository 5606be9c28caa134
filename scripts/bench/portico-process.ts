// A whole Portico (`scripts/portico.ts start`: embedded PostgreSQL, the sandbox, Next.js, the worker) as a child
// process for the benchmarks that drive it through a browser, started fresh in its own data folder.
import { spawn, type ChildProcess } from 'node:child_process';

export interface PorticoProcessOptions {
  dataDir: string;
  port: number | string;
  sandboxPort: string;
  instances: number;
}

/** Resolves once the launcher prints "Portico is running"; rejects (and kills what it started) on exit or after 180 s. */
export function startPorticoProcess({ dataDir, port, sandboxPort, instances }: PorticoProcessOptions): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORTICO_DATA_DIR: dataDir,
    PORTICO_FRESH: '1',
    SANDBOX_PORT: sandboxPort,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  for (const name of ['DATABASE_URL', 'ATLASSIAN_CLIENT_ID', 'ATLASSIAN_CLIENT_SECRET', 'PORTICO_BASE_URL', 'PORTICO_LOG_FILE', 'PORT']) delete env[name];
  // Its own process group, so stopping it also stops the sandbox, Next.js and PostgreSQL under it.
  const child = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/portico.ts', 'start', '--port', String(port), '--instances', String(instances)],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  return new Promise<ChildProcess>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Portico was not ready within 180 s:\n${output.slice(-2000)}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Portico is running')) return;
      clearTimeout(timer);
      resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Portico exited (${signal ?? `code ${code}`}) before it was ready:\n${output.slice(-2000)}`));
    });
    // If it was ready, a later exit is reported by the failing requests; the caller stops the group.
    child.on('error', reject);
  }).catch((error: unknown) => {
    stopGroup(child, 'SIGKILL');
    throw error;
  });
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM lets the launcher stop PostgreSQL cleanly; anything left after 10 s is killed. */
export async function stopPorticoProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    stopGroup(child, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  stopGroup(child, 'SIGKILL');
}
