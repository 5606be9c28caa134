import { describe, expect, it } from 'vitest';
import { healthyFacts, pending } from './facts.testing';
import { checkProjects } from './projects';

const filter = (projectFilter: string[], foundKeys: string[], extra: Parameters<typeof healthyFacts>[0] = {}) =>
  healthyFacts({
    ...extra,
    connection: { projectFilter },
    projects: {
      search: {
        outcome: 'ok',
        value: { foundKeys, checkedKeys: projectFilter, siteTotal: foundKeys.length ? null : 6 },
      },
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
        projects: { search: { outcome: 'ok', value: { foundKeys: [], checkedKeys: [], siteTotal: 0 } } },
      }),
      'warning',
      'reconnect',
      /no projects at all/,
    ],
    [
      'filter, site empty',
      healthyFacts({
        projects: {
          search: { outcome: 'ok', value: { foundKeys: [], checkedKeys: ['PLAT', 'MOB'], siteTotal: 0 } },
          browse: {},
        },
      }),
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

  it('a filter of 120 keys, all found, passes and the evidence names 20 keys then the rest as a count', () => {
    const keys = Array.from({ length: 120 }, (_, index) => `P${index}`);
    const result = checkProjects(filter(keys, keys));
    expect(result).toMatchObject({ outcome: 'pass' });
    expect(result.summary).toMatch(/All 120 projects in the filter exist/);
    expect(result.evidence[0]!.asked).toBe(
      `GET project/search?keys=… for 120 keys in 3 calls of up to 50 (${keys.slice(0, 20).join(', ')} … and 100 more)`,
    );
    expect(result.evidence[0]!.answered).toMatch(/^HTTP 200, 120 of 120 found: P0, .*P19 … and 100 more$/);
  });

  it('keys past the searched ones are reported as not checked, never as missing', () => {
    const keys = Array.from({ length: 1_005 }, (_, index) => `P${index}`);
    const searched = keys.slice(0, 1_000);
    const facts = filter(keys, searched);
    facts.projects.search = { outcome: 'ok', value: { foundKeys: searched, checkedKeys: searched, siteTotal: null } };
    const result = checkProjects(facts);
    expect(result).toMatchObject({ outcome: 'warning', action: 'edit_project_filter' });
    expect(result.summary).toMatch(/All 1000 projects checked exist .* 5 keys past the first 1000 were not checked\./);
  });

  it('many inaccessible keys: summary and reasons list 20, then the count', () => {
    const keys = Array.from({ length: 60 }, (_, index) => `P${index}`);
    const result = checkProjects(filter(keys, ['P0']));
    expect(result.summary).toMatch(/cannot read 59 of the 60 projects in its filter \(P1, .*P20 … and 39 more\)/);
    expect(result.remedy).toMatch(/• … and 39 more\./);
    expect(result.remedy!.split('\n').filter((line) => line.startsWith('• P'))).toHaveLength(20);
  });
});
