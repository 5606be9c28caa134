// Consents: which sites a user has allowed an app on, with the scopes they agreed to.
// accessible-resources is the union of a user's consents to one client_id (Atlassian lists every site).
export interface Consent {
  accountId: string;
  clientId: string;
  cloudId: string;
  scopes: string[];
  grantedAt: number;
}

export class ConsentStore {
  private consents = new Map<string, Consent>();

  private key(accountId: string, clientId: string, cloudId: string): string {
    return `${accountId}\u0000${clientId}\u0000${cloudId}`;
  }

  upsert(consent: Consent): void {
    this.consents.set(this.key(consent.accountId, consent.clientId, consent.cloudId), consent);
  }

  listFor(accountId: string, clientId: string): Consent[] {
    return [...this.consents.values()].filter((c) => c.accountId === accountId && c.clientId === clientId);
  }

  has(accountId: string, clientId: string, cloudId: string): boolean {
    return this.consents.has(this.key(accountId, clientId, cloudId));
  }

  /** "Site no longer accessible": drop the site from matching consents. Returns how many were removed. */
  removeSite(cloudId: string, filter: { accountId?: string; clientId?: string }): number {
    let removed = 0;
    for (const [key, c] of this.consents) {
      if (c.cloudId !== cloudId) continue;
      if (filter.accountId && c.accountId !== filter.accountId) continue;
      if (filter.clientId && c.clientId !== filter.clientId) continue;
      this.consents.delete(key);
      removed++;
    }
    return removed;
  }

  list(): Consent[] {
    return [...this.consents.values()];
  }
}
