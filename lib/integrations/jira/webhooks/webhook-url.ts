import 'server-only';
import { env } from '@/lib/config/env';

/** Where Atlassian sends deliveries: one URL per app (Jira allows no other), Portico's intake route. */
export const webhookUrl = () => `${env().PORTICO_BASE_URL}/api/webhooks/jira`;
