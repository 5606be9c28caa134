/** The integrations Portico offers, grouped as the Settings > Integrations page shows them. */
export interface CatalogueEntry {
  id: 'jira';
  name: string;
  description: string;
  href: string;
}

export interface CatalogueSection {
  id: string;
  title: string;
  description: string;
  entries: CatalogueEntry[];
}

export const CATALOGUE: CatalogueSection[] = [
  {
    id: 'ticketing',
    title: 'Ticketing',
    description: 'Sync issues from your ticketing system and map their workflows to Portico’s standard states.',
    entries: [
      {
        id: 'jira',
        name: 'Jira Cloud',
        description: 'Sync projects, statuses and priorities from Jira Cloud sites through Atlassian OAuth 2.0.',
        href: '/settings/integrations/jira',
      },
    ],
  },
];
