import 'server-only';
import { env } from '@/lib/config/env';

/** PORTICO_WEBHOOKS_ALLOW_PRIVATE=1: local development and tests may send to private addresses. */
export const privateDestinationsAllowed = (): boolean => env().PORTICO_WEBHOOKS_ALLOW_PRIVATE === '1';
