import { describe, expect, it } from 'vitest';
import { healthyFacts, pending } from './facts.testing';
import { checkProjects } from './projects';

const filter = (projectFilter: string[], foundKeys: string[], extra: Parameters<typeof healthyFacts>[0] = {}) =>
  healthyFacts({
    ...extra,
    connection: { projectFilter },
    projects: {
      search: { outcome: 'ok', value: { foundKeys, siteTotal: foundKeys.length ? null : 6 } },
      browse: Object.fromEntries(foundKeys.map((key) => [key, { outcome: 'ok' as const, value: true }])),
      knownKeys: ['PLAT', 'MOB', 'HELP', 'MKT'],
    },
  });

describe('checkProjects', () => {
  it.each([
    [
      'all found and browsable',
      healthyFacts(),
      'pass',
      null,
      /All 2 projects in the filter exist and Mia Krystof can browse them/,
    ],
    [
      'restricted-projects: two vanished',
      filter(['PLAT', 'HELP', 'MKT'], ['PLAT']),
      'failure',
      'edit_project_filter',
      /Portico cannot read 2 of the 3 projects in its filter \(HELP, MKT\): Jira hides them from Mia Krystof, the Atlassian user Portico connects as\./,
    ],
    [
      'one never seen',
      filter(['PLAT', 'NOPE'], ['PLAT']),
      'failure',
      'edit_project_filter',
      /cannot read 1 of the 2 projects in its filter \(NOPE\): Jira hides it from Mia Krystof/,
    ],
    [
      'visible but no Browse',
      {
        ...healthyFacts(),
        projects: {
          ...healthyFacts().projects,
          browse: { PLAT: { outcome: 'ok', value: false }, MOB: { outcome: 'ok', value: true } },
        },
      },
      'failure',
      'edit_project_filter',
      /\(PLAT\)/,
    ],
    ['no filter, site has projects', filter([], []), 'pass', null, /No project filter: Portico reads all 6 projects/],
    [
      'no filter, site empty',
      healthyFacts({
        connection: { projectFilter: [] },
        projects: { search: { outcome: 'ok', value: { foundKeys: [], siteTotal: 0 } } },
      }),
      'warning',
      'reconnect',
      /no projects at all/,
    ],
    [
      'filter, site empty',
      healthyFacts({ projects: { search: { outcome: 'ok', value: { foundKeys: [], siteTotal: 0 } }, browse: {} } }),
      'failure',
      'reconnect',
      /no projects at all/,
    ],
    [
      'no read:jira-work',
      healthyFacts({ projects: { search: { outcome: 'error', kind: 'forbidden_scope', status: 401 } } }),
      'warning',
      null,
      /read:jira-work/,
    ],
    [
      'Jira failing',
      healthyFacts({ projects: { search: { outcome: 'error', kind: 'upstream', status: 502 } } }),
      'warning',
      'rerun',
      /busy or unreachable/,
    ],
    ['no token', healthyFacts({ tokenAvailable: false }), 'skipped', null, /no usable access token/],
    ['pending', pending(), 'skipped', null, /not authorized yet/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkProjects(facts);
    expect(result).toMatchObject({ id: 'projects', outcome, action });
    expect(result.summary).toMatch(summary);
  });

  it('gives each inaccessible project its likely reason and the fix', () => {
    const { remedy } = checkProjects(filter(['PLAT', 'HELP', 'NOPE'], ['PLAT']));
    expect(remedy).toMatch(
      /• HELP: Portico saw this project before, so most likely Mia Krystof lost the Browse Projects permission/,
    );
    expect(remedy).toMatch(/• NOPE: no project with this key is visible on acme-sandbox: it does not exist/);
    expect(remedy).toMatch(/grants Browse Projects to Mia Krystof[\s\S]*remove its key from the project filter/);
  });

  it('evidence shows the request with its keys', () => {
    const { evidence } = checkProjects(filter(['PLAT', 'HELP'], ['PLAT']));
    expect(evidence[0]).toEqual({
      asked: 'GET project/search?keys=PLAT&keys=HELP',
      answered: 'HTTP 200, 1 of 2 found: PLAT',
    });
    expect(evidence[1]).toEqual({
      asked: 'GET mypermissions?permissions=BROWSE_PROJECTS&projectKey=PLAT',
      answered: 'HTTP 200, Browse Projects: yes',
    });
  });
});
