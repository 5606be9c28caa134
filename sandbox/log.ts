import type { Logger } from 'pino';
import { createLogger } from '../lib/observability/logger';

// Portico's logger (same JSON lines, same redaction), named so a shared log tells the two apart.
let logger: Logger | undefined;
export const sandboxLogger = (): Logger => (logger ??= createLogger({ name: 'sandbox' }));
