/**
 * Where a person opens a Jira issue: `<site url>/browse/KEY`. Only an http(s) site URL makes a link (the URL
 * comes from Atlassian's accessible-resources, but a link href must never carry another scheme).
 */
export function jiraBrowseUrl(siteUrl: string | null, key: string): string | null {
  if (!siteUrl) return null;
  try {
    const site = new URL(siteUrl);
    if (site.protocol !== 'https:' && site.protocol !== 'http:') return null;
    return `${site.origin}${site.pathname.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;
  } catch {
    return null;
  }
}
