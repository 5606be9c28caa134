import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `server-only` throws unless resolved under the react-server condition (as Next does). A benchmark that
 * imports server modules calls this first: it re-runs the script with that condition and exits. Import the
 * server modules dynamically after the call (static imports load before it runs).
 */
export function rerunAsReactServer(scriptUrl: string): void {
  if (process.execArgv.some((arg) => arg.includes('react-server'))) return;
  const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}
