// CLI: tsx sandbox/main.ts [--port 4010] [--host 127.0.0.1] [--scenario default]
import { parseArgs } from 'node:util';
import { portSchema } from '../lib/config/env-schema';
import { sandboxLogger } from './log';
import { grantTypeFromEnv } from './oauth/apps';
import { isScenarioName, SCENARIO_NAMES } from './scenarios';
import { startSandbox } from './server';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, scenario: { type: 'string' } },
  strict: true,
});
const port = portSchema(0).safeParse(values.port ?? process.env.SANDBOX_PORT ?? '4010');
const host = values.host ?? process.env.SANDBOX_HOST ?? '127.0.0.1';
const scenario = values.scenario ?? process.env.SANDBOX_SCENARIO ?? 'default';
if (!isScenarioName(scenario)) {
  sandboxLogger().fatal(`Unknown scenario "${scenario}". Choose one of: ${SCENARIO_NAMES.join(', ')}.`);
  process.exit(2);
}
try {
  grantTypeFromEnv(process.env.SANDBOX_GRANT_TYPE);
} catch (error) {
  sandboxLogger().fatal(error instanceof Error ? error.message : 'SANDBOX_GRANT_TYPE is invalid.');
  process.exit(2);
}
if (!port.success) {
  sandboxLogger().fatal(`${values.port === undefined ? 'SANDBOX_PORT' : '--port'}: ${port.error.issues[0]?.message ?? 'is not a port'}`);
  process.exit(2);
}

const sandbox = await startSandbox({ port: port.data, host, scenario });
// scripts/sandbox-process.ts and sandbox/bench.ts read the URL from this line.
sandboxLogger().info({ url: sandbox.url, scenario }, `Atlassian sandbox listening on ${sandbox.url} (scenario: ${scenario})`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
