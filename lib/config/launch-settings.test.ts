import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv, parseLaunchSettings, portSchema } from './env-schema';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/portico',
  AUTH_SECRET: 'x'.repeat(40),
  PORTICO_ENCRYPTION_KEY: 'a2V5',
};

describe('parseLaunchSettings (scripts/portico.ts)', () => {
  it('applies the defaults and reads whole numbers', () => {
    expect(parseLaunchSettings({})).toEqual({ PORT: 3000, SANDBOX_PORT: 4010, '--instances': 1, '--workers': 1 });
    expect(parseLaunchSettings({ PORT: ' 8080 ', SANDBOX_PORT: '0', '--instances': '3', '--workers': '0' })).toEqual({
      PORT: 8080,
      SANDBOX_PORT: 0,
      '--instances': 3,
      '--workers': 0,
    });
  });

  // Number() accepted all of these: '3e3' is 3000, '' is 0, '0x50' is 80, '12abc' and '70000' were passed on.
  it.each([
    ['PORT', { PORT: '3e3' }, /PORT: must be a whole number from 1 to 65535/],
    ['PORT', { PORT: '' }, /PORT: must be a whole number from 1 to 65535/],
    ['PORT', { PORT: '0x50' }, /PORT: must be a whole number/],
    ['PORT', { PORT: '12abc' }, /PORT: must be a whole number/],
    ['PORT', { PORT: '70000' }, /PORT: must be a whole number from 1 to 65535/],
    ['PORT', { PORT: '0' }, /PORT: must be a whole number from 1 to 65535/],
    ['SANDBOX_PORT', { SANDBOX_PORT: '-1' }, /SANDBOX_PORT: must be a whole number from 0 to 65535/],
    ['SANDBOX_PORT', { SANDBOX_PORT: '4010.5' }, /SANDBOX_PORT: must be a whole number/],
    ['--instances', { '--instances': '0' }, /--instances: must be a whole number from 1 to 16/],
    ['--instances', { '--instances': 'two' }, /--instances: must be a whole number from 1 to 16/],
    ['--instances', { '--instances': '17' }, /--instances: must be a whole number from 1 to 16/],
    ['--instances', { PORT: '65535', '--instances': '2' }, /--instances: puts the last instance above port 65535/],
    ['--workers', { '--workers': '17' }, /--workers: must be a whole number from 0 to 16/],
    ['--workers', { '--workers': '-1' }, /--workers: must be a whole number from 0 to 16/],
  ])('refuses a bad %s with a message naming it: %o', (_name, source, message) => {
    expect(() => parseLaunchSettings(source)).toThrow(message);
  });

  it('the sandbox CLI uses the same port rule', () => {
    expect(portSchema(0).safeParse('4010').data).toBe(4010);
    expect(portSchema(0).safeParse('4010abc').success).toBe(false);
  });

  it('the launcher stops at once with that message and exit code 2 on an invalid PORT', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portico-launch-'));
    try {
      const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/portico.ts', 'start'], {
        env: { ...process.env, PORT: '3e3', PORTICO_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('Invalid Portico configuration:\n  PORT: must be a whole number from 1 to 65535');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('logging and metrics variables', () => {
  it('validates PORTICO_LOG_LEVEL and PORTICO_METRICS_TOKEN', () => {
    expect(parseEnv(valid).PORTICO_LOG_LEVEL).toBe('info');
    expect(parseEnv({ ...valid, PORTICO_METRICS_TOKEN: ' ' }).PORTICO_METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ ...valid, PORTICO_METRICS_TOKEN: 'm'.repeat(24) }).PORTICO_METRICS_TOKEN).toBe('m'.repeat(24));
    expect(() => parseEnv({ ...valid, PORTICO_LOG_LEVEL: 'loud' })).toThrow(/PORTICO_LOG_LEVEL:/);
    expect(() => parseEnv({ ...valid, PORTICO_METRICS_TOKEN: 'short' })).toThrow(
      /PORTICO_METRICS_TOKEN: must be at least 24 characters/,
    );
  });
});
