import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox } from './server';
import { control } from './test-support';

/**
 * One in-process sandbox per test file, back at scenario `default` with no state before each test
 * (reset returns to the start of the *current* scenario, so the scenario is picked first).
 */
export function setupSandbox(): { readonly url: string } {
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;
  const url = () => {
    if (!sandbox) throw new Error('setupSandbox(): the sandbox is ready only inside tests and hooks.');
    return sandbox.url;
  };
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox?.close());
  beforeEach(async () => {
    await control(url(), 'scenario', { name: 'default' });
    await control(url(), 'reset', {});
  });
  return {
    get url() {
      return url();
    },
  };
}
