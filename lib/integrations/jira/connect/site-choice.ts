// What the site picker offers: which sites are already connected, which one is preselected, and what the
// button does with the chosen one. Pure, so the picker, its server action and the callback agree.

export interface PickerSite {
  id: string;
  name: string;
}

export interface ExistingConnection {
  cloudId: string | null;
  status: string;
}

/** A site with a live connection: choosing it replaces that connection's authorization (a reconnect). */
export function connectedCloudIds(connections: readonly ExistingConnection[]): Set<string> {
  return new Set(
    connections
      .filter((connection) => connection.status !== 'disconnected' && connection.status !== 'pending_authorization')
      .flatMap((connection) => (connection.cloudId ? [connection.cloudId] : [])),
  );
}

/**
 * The site to preselect. A reconnect: its own site. Otherwise the site just consented to, i.e. the first site
 * the new consent reaches that is not connected yet; none when all are (the admin then chooses, and is told
 * choosing one reconnects it).
 */
export function preselectedSite(sites: readonly PickerSite[], connected: ReadonlySet<string>, reconnectCloudId?: string): string | undefined {
  if (reconnectCloudId && sites.some((site) => site.id === reconnectCloudId)) return reconnectCloudId;
  return sites.find((site) => !connected.has(site.id))?.id;
}

export type SiteChoice = { kind: 'connect' } | { kind: 'reconnect'; siteName: string };

/** What choosing `cloudId` does; the button says it ("Connect X" / "Reconnect X"). */
export function describeChoice(site: PickerSite, connected: ReadonlySet<string>): SiteChoice {
  return connected.has(site.id) ? { kind: 'reconnect', siteName: site.name } : { kind: 'connect' };
}

/**
 * A first connect that reaches exactly one site is saved without a picker, unless that site is already connected:
 * then "Connect another site" would silently become a reconnect, so the admin confirms it in the picker.
 */
export function needsPickerForNewConnect(sites: readonly PickerSite[], connected: ReadonlySet<string>): boolean {
  return sites.length !== 1 || sites.some((site) => connected.has(site.id));
}
