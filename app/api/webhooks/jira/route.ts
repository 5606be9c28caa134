// Atlassian posts Jira webhook deliveries here (the URL Portico registers for its dynamic webhooks).
import { defineRoute } from '@/lib/http/route-handler';
import { receiveDelivery } from '@/lib/integrations/jira/webhooks/receive-delivery';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({ route: '/api/webhooks/jira' }, { POST: receiveDelivery });
