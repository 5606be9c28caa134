import { rootLogger } from '../observability/logger';
import { parseEnv } from './env-schema';

// Imported for its effect by instrumentation.ts: a bad configuration stops the server at start,
// with a message naming each bad variable, instead of failing on the first request.
try {
  parseEnv(process.env);
} catch (error) {
  rootLogger().fatal(error instanceof Error ? error.message : 'Invalid Portico configuration.');
  process.exit(1);
}
