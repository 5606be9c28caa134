import 'server-only';
import { getDb } from '@/db/client';
import { getIdempotentResponse, type StoredIdempotentResponse } from '@/db/queries/idempotency-keys';
import {
  getJiraConfig,
  getJiraConfigVersion,
  saveJiraConfig,
  type CurrentJiraConfig,
  type SavedJiraConfig,
} from '@/db/queries/jira-config';
import { judgeStoredResponse, type IdempotentRequest } from '@/lib/http/idempotency';
import { recordJiraSnapshot } from '@/db/queries/jira-snapshot';
import type { CurrentMember } from '@/lib/auth/guards';
import { toFieldErrors } from '@/lib/validation/field-errors';
import { jiraConfigSchema, type JiraConfig, type RollbackRequest, type SaveConfigRequest } from './config-schema';
import { diffConfigs, type ConfigChange } from './diff-config';
import { snapshotOf } from '../mapping/drift';
import { afterConfigurationSaved } from '../sync/sync-schedule';
import { getCachedMetadata } from '../metadata/metadata-cache';
import { getKnownJiraIds } from './known-ids';
import { validateKnownIds, type MissingFromJira } from './validate-ids';

export type SaveConfigOutcome =
  | {
      ok: true;
      version: number;
      config: JiraConfig;
      changed: boolean;
      summary: string;
      changes: ConfigChange[];
      idsChecked: boolean;
      missingFromJira: MissingFromJira;
    }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'version_not_found'; version: number }
  | { ok: false; reason: 'invalid_config'; message: string; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: 'stale_version'; current: CurrentJiraConfig; changes: ConfigChange[] }
  | { ok: false; reason: 'idempotency_key_reused' };

/**
 * A save whose idempotency key already has an answer: the answer again (the client retried a save that
 * committed, e.g. when the response was lost), or a refusal when the key came with another request.
 */
function replay(stored: StoredIdempotentResponse, idempotency: IdempotentRequest): SaveConfigOutcome {
  if (judgeStoredResponse(stored, idempotency) === 'key_reused') return { ok: false, reason: 'idempotency_key_reused' };
  // Written by commit() below from a successful outcome of this same type.
  return stored.response as SaveConfigOutcome;
}

/**
 * Looked up after the current version is read: a save's answer commits with its version, so a twin request
 * that landed before that read is seen here, and one that lands after it is met in saveJiraConfig's lock.
 */
async function earlierAnswer(orgId: string, idempotency: IdempotentRequest | undefined) {
  const stored = idempotency && (await getIdempotentResponse(getDb(), orgId, idempotency.key));
  return stored ? replay(stored, idempotency) : undefined;
}

/**
 * The other admin's changes: from the version the client started from to the current one. A client that
 * claims a version that never existed gets an empty list (and still the full current config).
 */
async function staleOutcome(
  orgId: string,
  connectionId: string,
  expectedVersion: number,
  current: CurrentJiraConfig,
): Promise<SaveConfigOutcome> {
  const base =
    expectedVersion < current.version ? await getJiraConfigVersion(orgId, connectionId, expectedVersion) : undefined;
  return { ok: false, reason: 'stale_version', current, changes: base ? diffConfigs(base.config, current.config) : [] };
}

async function commit(
  member: CurrentMember,
  connectionId: string,
  expectedVersion: number,
  config: JiraConfig,
  ids: { checked: boolean; missingFromJira: MissingFromJira },
  options: { rolledBackTo?: number; idempotency?: IdempotentRequest },
): Promise<SaveConfigOutcome> {
  const { idempotency } = options;
  const outcomeOf = (result: SavedJiraConfig): SaveConfigOutcome => ({
    ...result,
    config,
    idsChecked: ids.checked,
    missingFromJira: ids.missingFromJira,
  });
  const saved = await saveJiraConfig(member.orgId, connectionId, member.userId, expectedVersion, config, {
    rolledBackTo: options.rolledBackTo,
    ...(idempotency
      ? {
          idempotency: {
            ...idempotency,
            response: outcomeOf,
          },
        }
      : {}),
  });
  if (saved.ok) {
    if (saved.changed) await afterConfigurationSaved(member.orgId, connectionId);
    // Saving (even an unchanged mapping) is the admin's review of what Jira looks like now.
    const { metadata } = await getCachedMetadata(member.orgId, connectionId);
    if (metadata) await recordJiraSnapshot(member.orgId, connectionId, snapshotOf(metadata));
    return outcomeOf(saved);
  }
  if (saved.reason === 'not_found') return saved;
  if (saved.reason === 'already_saved') return replay(saved.stored, idempotency!);
  return staleOutcome(member.orgId, connectionId, expectedVersion, saved.current);
}

/** Saves an admin's edit (already zod-parsed): the connection must be theirs, the version current, the ids real. */
export async function saveConfiguration(
  member: CurrentMember,
  connectionId: string,
  request: SaveConfigRequest,
  idempotency?: IdempotentRequest,
): Promise<SaveConfigOutcome> {
  const current = await getJiraConfig(member.orgId, connectionId);
  if (!current) return { ok: false, reason: 'not_found' };
  const answered = await earlierAnswer(member.orgId, idempotency);
  if (answered) return answered;
  // Checked before the ids so a stale editor sees the conflict, not errors about ids the other admin added.
  if (current.version !== request.expectedVersion)
    return staleOutcome(member.orgId, connectionId, request.expectedVersion, current);
  const ids = validateKnownIds(request.config, await getKnownJiraIds(member.orgId, connectionId), current.config);
  if (!ids.ok) {
    return {
      ok: false,
      reason: 'invalid_config',
      message:
        'Some Jira statuses, priorities or projects in this configuration do not exist in Jira. Reload the Jira data and choose again.',
      fieldErrors: ids.fieldErrors,
    };
  }
  return commit(member, connectionId, request.expectedVersion, request.config, ids, { idempotency });
}

/**
 * Restores an earlier version as a new version. Its ids are not checked against Jira: restoring history must
 * work even for statuses deleted since; the ones Jira no longer lists are reported in `missingFromJira`.
 */
export async function rollbackConfiguration(
  member: CurrentMember,
  connectionId: string,
  request: RollbackRequest,
  idempotency?: IdempotentRequest,
): Promise<SaveConfigOutcome> {
  const current = await getJiraConfig(member.orgId, connectionId);
  if (!current) return { ok: false, reason: 'not_found' };
  const answered = await earlierAnswer(member.orgId, idempotency);
  if (answered) return answered;
  if (current.version !== request.expectedVersion)
    return staleOutcome(member.orgId, connectionId, request.expectedVersion, current);
  const target = await getJiraConfigVersion(member.orgId, connectionId, request.toVersion);
  if (!target) return { ok: false, reason: 'version_not_found', version: request.toVersion };
  // Versions were validated when saved, but the schema may have tightened since.
  const parsed = jiraConfigSchema.safeParse(target.config);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid_config',
      message: `Version ${request.toVersion} cannot be restored because it is no longer a valid configuration. Edit the current configuration instead.`,
      fieldErrors: toFieldErrors(parsed.error),
    };
  }
  // With the target as its own "previous", nothing is refused: ids Jira no longer lists are only flagged.
  const ids = validateKnownIds(parsed.data, await getKnownJiraIds(member.orgId, connectionId), parsed.data);
  const flagged = ids.ok
    ? ids
    : { checked: true, missingFromJira: { statusIds: [], priorityIds: [], projectKeys: [] } };
  return commit(member, connectionId, request.expectedVersion, parsed.data, flagged, {
    rolledBackTo: request.toVersion,
    idempotency,
  });
}
