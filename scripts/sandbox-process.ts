import { spawn } from 'node:child_process';
import path from 'node:path';

// Defaults of the sandbox's registered OAuth app (sandbox/README.md).
const SANDBOX_CLIENT_ID = 'portico-sandbox';
const SANDBOX_CLIENT_SECRET = 'portico-sandbox-secret';

interface SandboxOptions {
  port: number;
  callbackUrl: string;
  scenario?: string;
}

/** Runs the Atlassian sandbox as its own process, as Atlassian is, and returns Portico's settings for it. */
export async function startSandboxProcess({ port, callbackUrl, scenario }: SandboxOptions) {
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'sandbox/main.ts'], {
    env: {
      ...process.env,
      SANDBOX_PORT: String(port),
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_CALLBACK_URL: callbackUrl,
      SANDBOX_SCENARIO: scenario ?? 'default',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    // The sandbox logs to stdout: pass its lines on, after reading its URL from the first.
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`The Atlassian sandbox exited early (code ${code}).`)));
  });
  return {
    url,
    portico: {
      ATLASSIAN_CLIENT_ID: SANDBOX_CLIENT_ID,
      ATLASSIAN_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      ATLASSIAN_AUTH_URL: url,
      ATLASSIAN_API_URL: url,
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
