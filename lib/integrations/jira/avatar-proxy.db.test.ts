import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import { connectNewSite, LABS_CLOUD_ID, MAIN_CLOUD_ID, setupJiraHarness } from '@/tests/jira-harness';
import { AVATAR_MAX_BYTES, clearAvatarCache, fetchAvatar } from './avatar-proxy';

// Issue 12, item 6: gateway avatars need a Bearer token, as at Atlassian. Portico fetches them with the
// connection's token, only for Atlassian avatar URLs of that site, size- and type-checked.
const harness = setupJiraHarness();
const ROUTE = 'universal_avatar/view/type/{type}/avatar/{id}';
const avatarUrl = (cloudId = MAIN_CLOUD_ID) =>
  `${harness.sandboxUrl()}/ex/jira/${cloudId}/rest/api/3/universal_avatar/view/type/project/avatar/10400?size=medium`;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

async function connected(name: string) {
  const { orgId, connectionId } = await connectNewSite(harness, name);
  const target = await getConnectionTarget(orgId, connectionId);
  return { orgId, target: target! };
}

describe('the avatar proxy against the sandbox', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
    clearAvatarCache();
  });

  it('the sandbox refuses a gateway avatar without a token, as Atlassian does', async () => {
    const response = await fetch(avatarUrl());
    expect(response.status).toBe(401);
  });

  it('fetches it with the connection’s token, as PNG, and serves a repeat from its cache', async () => {
    const { orgId, target } = await connected('Avatars');
    await harness.resetCounters();

    const image = await fetchAvatar(orgId, target, avatarUrl());

    expect(image).toMatchObject({ ok: true, contentType: 'image/png' });
    if (!image.ok) throw new Error(image.message);
    expect([...image.body.slice(0, 4)]).toEqual(PNG_SIGNATURE);
    await fetchAvatar(orgId, target, avatarUrl());
    expect((await harness.counters()).requests[ROUTE]).toBe(1);
  });

  it.each([
    ['a non-Atlassian host', 'https://evil.example/pixel.png'],
    ['another site’s avatar', null],
    ['an API path that is not an avatar', 'myself'],
  ])('refuses %s without fetching anything', async (_name, url) => {
    const { orgId, target } = await connected('Refusals');
    const spy = vi.fn<typeof fetch>();
    const raw =
      url === null
        ? avatarUrl(LABS_CLOUD_ID)
        : url === 'myself'
          ? `${harness.sandboxUrl()}/ex/jira/${MAIN_CLOUD_ID}/rest/api/3/myself`
          : url;

    await expect(fetchAvatar(orgId, target, raw, { fetch: spy })).resolves.toMatchObject({
      ok: false,
      status: 400,
      reason: 'url_not_allowed',
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it.each([
    ['SVG', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'not_image'],
    ['HTML', 'text/html', '<html></html>', 'not_image'],
    ['an oversize PNG', 'image/png', 'x'.repeat(AVATAR_MAX_BYTES + 1), 'too_large'],
  ])('refuses %s from the gateway', async (_name, contentType, body, reason) => {
    const { orgId, target } = await connected('Bad bodies');
    await harness.control('faults', { route: ROUTE, status: 200, headers: { 'content-type': contentType }, body });

    await expect(fetchAvatar(orgId, target, avatarUrl())).resolves.toMatchObject({ ok: false, reason });
  });

  it('stops reading an oversize body that declares no length', async () => {
    const { orgId, target } = await connected('Streamed');
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = vi.fn<typeof fetch>(() =>
      Promise.resolve(new Response(stream, { status: 200, headers: { 'content-type': 'image/png' } })),
    );

    await expect(fetchAvatar(orgId, target, avatarUrl(), { fetch: streamed })).resolves.toMatchObject({
      ok: false,
      reason: 'too_large',
    });
    expect(sent).toBeLessThanOrEqual(AVATAR_MAX_BYTES + 2 * chunk.byteLength);
    const init = streamed.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('authorization')).toMatch(/^Bearer /);
    expect(init?.redirect).toBe('manual');
  });
});
