// Check 6: every project in the filter exists and the authorizing user can browse it. Jira hides a
// project the user may not see exactly like one that does not exist (absent from project/search,
// 404 elsewhere), so "seen before" (metadata cache) is the best hint at which one it is.
import type { DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckResult } from '../types';
import {
  cannotCallJira,
  describeCall,
  describeFailure,
  plural,
  siteName,
  skipped,
  TITLES,
  unansweredCall,
  userName,
} from './shared';

const id = 'projects';
const title = TITLES[id];
/** Evidence and summaries name at most this many keys; a filter may hold 1,000. */
const LISTED_KEYS = 20;

/** "A, B, C" or "A, …, T … and 980 more". */
export function listKeys(keys: readonly string[], limit = LISTED_KEYS): string {
  const shown = keys.slice(0, limit).join(', ');
  return keys.length > limit ? `${shown} … and ${keys.length - limit} more` : shown;
}

function searchedRequest(keys: readonly string[]): string {
  if (keys.length <= LISTED_KEYS) return `GET project/search?${keys.map((key) => `keys=${key}`).join('&')}`;
  const calls = Math.ceil(keys.length / 50);
  return `GET project/search?keys=… for ${plural(keys.length, 'key')} in ${plural(calls, 'call')} of up to 50 (${listKeys(keys)})`;
}

export function checkProjects(facts: DiagnosticFacts): CheckResult {
  const blocked = cannotCallJira(facts);
  if (blocked) return skipped(id, blocked);
  const { search, browse, knownKeys } = facts.projects;
  const filter = facts.connection.projectFilter;
  const user = userName(facts);
  const searched = search.outcome === 'ok' ? search.value.checkedKeys.length : filter.length;
  const evidence: CheckEvidence[] = [
    {
      asked: filter.length ? searchedRequest(filter.slice(0, searched)) : 'GET project/search?maxResults=1',
      answered: describeCall(search, ({ foundKeys, checkedKeys, siteTotal }) =>
        filter.length
          ? `${foundKeys.length} of ${checkedKeys.length} found${foundKeys.length ? `: ${listKeys(foundKeys)}` : ''}`
          : `${plural(siteTotal ?? 0, 'project')} visible`,
      ),
    },
    ...Object.entries(browse).map(([key, fact]) => ({
      asked: `GET mypermissions?permissions=BROWSE_PROJECTS&projectKey=${key}`,
      answered:
        fact.outcome === 'ok'
          ? `HTTP 200, Browse Projects: ${fact.value ? 'yes' : 'no'}`
          : fact.outcome === 'error'
            ? describeFailure(fact)
            : 'Not asked.',
    })),
  ];
  if (search.outcome !== 'ok') {
    return unansweredCall(facts, id, search, evidence, {
      missingScope: 'Jira would not list projects: the authorization lacks the read:jira-work scope',
      question: 'about the projects',
      otherwise: 'Jira did not answer the project check.',
    });
  }
  const { foundKeys, checkedKeys, siteTotal } = search.value;
  const unchecked = filter.length - checkedKeys.length;
  const uncheckedNote =
    unchecked > 0 ? ` ${plural(unchecked, 'key')} past the first ${checkedKeys.length} were not checked.` : '';
  if (filter.length === 0 || foundKeys.length === 0) {
    if (siteTotal === 0) {
      return {
        id,
        title,
        outcome: filter.length ? 'failure' : 'warning',
        summary: `${siteName(facts)} shows ${user} no projects at all, so Portico has nothing to read.`,
        evidence,
        remedy: `In Jira, grant ${user} (or a group they belong to) the Browse Projects permission in the projects Portico should read (Project settings › Permissions), or reconnect as a user who can see them.`,
        action: 'reconnect',
      };
    }
    if (filter.length === 0) {
      return {
        id,
        title,
        outcome: 'pass',
        summary: `No project filter: Portico reads all ${siteTotal ?? ''} projects ${user} can browse.`.replace(
          '  ',
          ' ',
        ),
        evidence,
        remedy: null,
        action: null,
      };
    }
  }

  const found = new Set(foundKeys);
  const missing = checkedKeys.filter((key) => !found.has(key));
  const cannotBrowse = foundKeys.filter((key) => browse[key]?.outcome === 'ok' && browse[key].value === false);
  const inaccessible = [...missing, ...cannotBrowse];
  if (inaccessible.length === 0) {
    return {
      id,
      title,
      outcome: unchecked > 0 ? 'warning' : 'pass',
      summary:
        unchecked > 0
          ? `All ${plural(checkedKeys.length, 'project')} checked exist and ${user} can browse them.${uncheckedNote}`
          : `All ${plural(filter.length, 'project')} in the filter exist and ${user} can browse them.`,
      evidence,
      remedy:
        unchecked > 0 ? 'Keep the project filter to 1,000 keys or fewer so diagnostics can check every one.' : null,
      action: unchecked > 0 ? 'edit_project_filter' : null,
    };
  }
  const known = new Set(knownKeys);
  const reasons = inaccessible
    .slice(0, LISTED_KEYS)
    .map((key) =>
      cannotBrowse.includes(key)
        ? `• ${key}: the project exists but ${user} lacks the Browse Projects permission in it.`
        : known.has(key)
          ? `• ${key}: Portico saw this project before, so most likely ${user} lost the Browse Projects permission in it (or it was archived or deleted).`
          : `• ${key}: no project with this key is visible on ${siteName(facts)}: it does not exist (a typo, or deleted), or ${user} has no permission to see it.`,
    );
  return {
    id,
    title,
    outcome: 'failure',
    summary: `Portico cannot read ${inaccessible.length} of the ${plural(filter.length, 'project')} in its filter (${listKeys(inaccessible)}): Jira hides ${inaccessible.length === 1 ? 'it' : 'them'} from ${user}, the Atlassian user Portico connects as.${uncheckedNote}`,
    evidence,
    remedy: [
      'Why:',
      ...reasons,
      ...(inaccessible.length > LISTED_KEYS ? [`• … and ${inaccessible.length - LISTED_KEYS} more.`] : []),
      'How to fix, for each project:',
      `1. If Portico should read it: a Jira admin opens the project › Project settings › Permissions and grants Browse Projects to ${user} (or to a group they belong to).`,
      '2. If Portico should no longer read it: remove its key from the project filter (Edit project filter below).',
      '3. Then press Run diagnostics again.',
    ].join('\n'),
    action: 'edit_project_filter',
  };
}
