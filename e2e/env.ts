import path from 'node:path';

export const E2E = {
  port: 3100,
  baseUrl: 'http://localhost:3100',
  sandboxPort: 4110,
  sandboxUrl: 'http://127.0.0.1:4110',
  serverLog: path.resolve('artifacts/e2e-server.log'),
  screenshots: path.resolve('artifacts/screenshots'),
} as const;
