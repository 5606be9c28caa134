import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JiraAvatar } from './jira-avatar';

// A project avatar exactly as Jira returns it (sandbox/reference/recorded/project-search.recorded.json).
const GATEWAY =
  'https://api.atlassian.com/ex/jira/07779958-e747-4285-ad18-0f5252a97bff/rest/api/3/universal_avatar/view/type/project/avatar/10416';
const CONNECTION = '6f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';
const render = (props: Parameters<typeof JiraAvatar>[0]) => renderToStaticMarkup(createElement(JiraAvatar, props));
const imgSrc = (html: string) => /<img[^>]* src="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describe('JiraAvatar', () => {
  it('loads a gateway avatar through Portico’s route, never from api.atlassian.com', () => {
    const src = imgSrc(render({ src: GATEWAY, name: 'Platform', connectionId: CONNECTION }));
    expect(src).toBe(`/api/integrations/jira/connections/${CONNECTION}/avatar?url=${encodeURIComponent(GATEWAY)}`);
    expect(src).not.toMatch(/^https:\/\/api\.atlassian\.com/);
  });

  it('shows initials for a gateway avatar it has no connection to fetch with', () => {
    const html = render({ src: GATEWAY, name: 'Platform' });
    expect(html).not.toContain('<img');
    expect(html).toContain('>PL<');
  });

  it('loads a public Atlassian CDN avatar directly when there is no connection (site picker)', () => {
    const cdn = 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/koala.png';
    expect(imgSrc(render({ src: cdn, name: 'Acme' }))).toBe(cdn);
  });

  it('shows initials without a URL', () => {
    expect(render({ src: null, name: 'Acme Platform', connectionId: CONNECTION })).toContain('>AP<');
  });
});
