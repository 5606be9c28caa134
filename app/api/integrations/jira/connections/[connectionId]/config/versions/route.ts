// The history panel (any member): every saved version, newest first, with author and summary.
// `?version=N` returns that version's full configuration and its diff from the current one.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getJiraConfig, getJiraConfigVersion, listJiraConfigVersions } from '@/db/queries/jira-config';
import { jsonError } from '@/lib/http/json';
import { defineRoute } from '@/lib/http/route-handler';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { diffConfigs } from '@/lib/integrations/jira/config/diff-config';

const versionParam = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/config/versions', checkOrigin: true },
  {
    GET: async (request, context) => {
      const resolved = await resolveConnection('member', context);
      if (resolved.denied) return resolved.denied;
      const { orgId } = resolved.member;
      const current = await getJiraConfig(orgId, resolved.connectionId);
      if (!current) return notFound();

      const requested = new URL(request.url).searchParams.get('version');
      if (requested === null) {
        const versions = await listJiraConfigVersions(orgId, resolved.connectionId);
        return NextResponse.json(
          { currentVersion: current.version, versions },
          { headers: { 'Cache-Control': 'no-store' } },
        );
      }
      const version = versionParam.safeParse(requested);
      if (!version.success) return jsonError(400, 'invalid_version', 'The version must be a whole number such as 3.');
      const found = await getJiraConfigVersion(orgId, resolved.connectionId, version.data);
      if (!found) {
        return jsonError(404, 'version_not_found', `Version ${version.data} does not exist in this connection's history.`);
      }
      return NextResponse.json(
        { ...found, currentVersion: current.version, changesToCurrent: diffConfigs(found.config, current.config) },
        { headers: { 'Cache-Control': 'no-store' } },
      );
    },
  },
);
