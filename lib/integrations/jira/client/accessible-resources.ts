import 'server-only';

import { z } from 'zod';

import { accessibleResourceSchema, type AccessibleResource } from './schemas';
import { sendRequest } from './send-request';
import { createTransport, type TransportOptions } from './transport';

/**
 * Lists the sites (cloudIds) a fresh access token can reach. Account-level, so it is not site
 * scoped: called right after the code exchange, before any site is chosen. The token is used as
 * given; a 401 is reported as token_unusable without a refresh attempt.
 * Source: developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/ (Get the cloudid for your site).
 */
export function getAccessibleResources(
  apiBaseUrl: string,
  accessToken: string,
  fetchImpl?: typeof fetch,
  options: Pick<TransportOptions, 'timeoutMs' | 'onCall' | 'rateLimit'> = {},
): Promise<AccessibleResource[]> {
  const transport = createTransport({
    ...options,
    fetch: fetchImpl,
    getAccessToken: () => Promise.resolve(accessToken),
    canRefresh: false,
  });
  return sendRequest(transport, {
    operation: 'getAccessibleResources',
    method: 'GET',
    url: `${apiBaseUrl.replace(/\/+$/, '')}/oauth/token/accessible-resources`,
    schema: z.array(accessibleResourceSchema),
  });
}
