import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import type { JiraSnapshot } from '@/lib/integrations/jira/mapping/drift';
import type { JiraMetadata } from '@/lib/integrations/jira/metadata/types';
import type { PreviewResult } from '@/lib/integrations/jira/preview/preview-schema';

/** The browser side of the connection's JSON endpoints (same-origin, session cookie). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const message = typeof body.message === 'string' ? body.message : 'Something went wrong. Try again.';
    throw new ApiError(response.status, typeof body.error === 'string' ? body.error : 'error', message, body);
  }
  return body as T;
}

export interface SavedConfig {
  config: JiraConfig;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface MetadataState {
  metadata?: JiraMetadata;
  refreshing: boolean;
  /** Older than 5 minutes, or the last refresh failed: Jira may have changed since. */
  stale?: boolean;
  lastError?: { kind: string; message: string; at: string };
  /** Only on a Refresh answer: why no new Jira read happened (throttled, still running elsewhere). */
  refresh?: { outcome: string; message?: string };
  /** Jira's values when the mapping was last saved: renames and category moves since then are flagged. */
  snapshot?: JiraSnapshot;
}

export interface ConfigVersion {
  version: number;
  authorName: string | null;
  createdAt: string;
  summary: string;
}

const base = (connectionId: string) => `/api/integrations/jira/connections/${connectionId}`;

export const jiraApi = {
  config: (id: string) => call<SavedConfig>(`${base(id)}/config`),
  saveConfig: (id: string, expectedVersion: number, config: JiraConfig, idempotencyKey: string) =>
    call<{ version: number; config: JiraConfig }>(`${base(id)}/config`, {
      method: 'PUT',
      body: JSON.stringify({ expectedVersion, config }),
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  versions: (id: string) => call<{ versions: ConfigVersion[] }>(`${base(id)}/config/versions`),
  version: (id: string, version: number) =>
    call<ConfigVersion & { config: JiraConfig }>(`${base(id)}/config/versions?version=${version}`),
  rollback: (id: string, expectedVersion: number, toVersion: number, idempotencyKey: string) =>
    call<{ version: number; config: JiraConfig }>(`${base(id)}/config/rollback`, {
      method: 'POST',
      body: JSON.stringify({ expectedVersion, toVersion }),
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  metadata: (id: string) => call<MetadataState>(`${base(id)}/metadata`),
  refreshMetadata: (id: string) => call<MetadataState>(`${base(id)}/metadata`, { method: 'POST' }),
  projectStatuses: (id: string, projectKey: string) =>
    call<{ projectKey: string; visible: boolean; statusIds: string[] }>(
      `${base(id)}/project-statuses?project=${encodeURIComponent(projectKey)}`,
    ),
  preview: (id: string, projectFilter: string[], statusIds: string[]) =>
    call<PreviewResult>(`${base(id)}/preview`, { method: 'POST', body: JSON.stringify({ projectFilter, statusIds }) }),
};

export const queryKeys = {
  config: (id: string) => ['jira', id, 'config'] as const,
  versions: (id: string) => ['jira', id, 'versions'] as const,
  version: (id: string, version: number) => ['jira', id, 'versions', version] as const,
  metadata: (id: string) => ['jira', id, 'metadata'] as const,
  preview: (id: string, projectFilter: string[]) => ['jira', id, 'preview', projectFilter.join(',')] as const,
  projectStatuses: (id: string, projectKey: string) => ['jira', id, 'project-statuses', projectKey] as const,
};

/**
 * One project's workflow statuses, read from Jira once per session and shared by the Overrides tab and the
 * Statuses tab's search (a project's workflows rarely change while an admin edits; Refresh re-reads the rest).
 */
export const projectStatusesQuery = (id: string, projectKey: string) => ({
  queryKey: queryKeys.projectStatuses(id, projectKey),
  queryFn: () => jiraApi.projectStatuses(id, projectKey),
  staleTime: 5 * 60_000,
});
