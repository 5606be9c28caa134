// The consent screen: app name, requested permissions in plain words, site picker, Accept and Cancel.
// Playwright finds it by role and label: select "Use app on", buttons "Accept" and "Cancel".
import { escapeHtml } from '../http/respond';
import { isSiteScope, scopeTitle } from '../oauth/scope-catalog';
import type { SandboxApp } from '../types';
import type { SiteWorld, UserDef } from '../world/types';
import { renderPage } from './page-layout';

export function renderConsentPage(input: { app: SandboxApp; user: UserDef; sites: SiteWorld[]; scopes: string[]; requestId: string }): string {
  const { app, user, sites, scopes, requestId } = input;
  const siteScopes = [...new Set(scopes.filter(isSiteScope).map(scopeTitle))];
  const accountScopes = [...new Set(scopes.filter((s) => !isSiteScope(s)).map(scopeTitle))];
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  // With one site it is preselected; with several the user must choose (the picker is required).
  const placeholder = sites.length > 1 ? '<option value="">Choose a site</option>' : '';
  const options = sites.map((s) => `<option value="${escapeHtml(s.cloudId)}">${escapeHtml(s.url.replace('https://', ''))}</option>`).join('');
  return renderPage(
    `${app.name} is requesting access to your Atlassian account`,
    `<div class="app"><div class="logo" aria-hidden="true">${escapeHtml(app.name.slice(0, 1).toUpperCase())}</div>
<div><h1>${escapeHtml(app.name)} is requesting access to your Atlassian account</h1>
<p class="user">Signed in as ${escapeHtml(user.displayName)} (${escapeHtml(user.email)})</p></div></div>
<form method="post" action="/authorize/decision">
<input type="hidden" name="request" value="${escapeHtml(requestId)}">
${siteScopes.length ? `<h2 id="jira-permissions">Jira</h2>${list(siteScopes)}` : ''}
${accountScopes.length ? `<h2 id="account-permissions">User identity</h2>${list(accountScopes)}` : ''}
<label for="site">Use app on</label>
<select id="site" name="cloudId" required>${placeholder}${options}</select>
<p><small>By accepting, you allow ${escapeHtml(app.name)} to use your data as described in its privacy policy. You can revoke access at any time in your Atlassian account's connected apps.</small></p>
<div class="actions">
<button type="submit" name="decision" value="cancel" class="subtle" formnovalidate>Cancel</button>
<button type="submit" name="decision" value="accept" class="primary">Accept</button>
</div>
</form>`,
  );
}
