/** What the authorize-link page says for each verdict. Pure: the page renders only these sentences. */
export const LINK_REFUSALS = {
  unknown: {
    title: 'This authorization link is not valid',
    message:
      'Portico does not know this link. Check that it was copied completely, or ask whoever sent it for a new one (they issue it with POST /api/v1/connections/{id}/authorize-url).',
  },
  used: {
    title: 'This authorization link was already used',
    message:
      'Each link works once. If the connection still needs authorizing, ask whoever sent the link for a new one (POST /api/v1/connections/{id}/authorize-url).',
  },
  expired: {
    title: 'This authorization link has expired',
    message:
      'Links work for 24 hours, and a link stops working as soon as a newer one is issued for the same connection. Ask whoever sent it for a new one (POST /api/v1/connections/{id}/authorize-url); nothing was changed.',
  },
  other_organization: {
    title: 'This link is for another organization',
    message:
      'You are signed in to an organization this link was not created for. Sign out and sign in as an admin of the organization that created the connection. Nothing was changed, and the link still works for them.',
  },
  admin_only: {
    title: 'Only an admin can authorize this connection',
    message: 'Authorizing gives Portico access to a Jira site, so it needs an organization admin. Forward this link to an admin of your organization; it still works for them.',
  },
} as const;
