// Access tokens. Atlassian's are JWTs; the sandbox issues JWT-shaped tokens too (HS256 with a per-process
// key, never meant to be verified by Portico) and remembers them so it can answer 401 once they expire.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export interface AccessToken {
  token: string;
  grantId: string;
  clientId: string;
  accountId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

const signingKey = randomBytes(32);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class AccessTokenStore {
  private tokens = new Map<string, AccessToken>();

  issue(fields: Omit<AccessToken, 'token' | 'issuedAt' | 'expiresAt'>, now: number, lifetimeSecs: number): AccessToken {
    const iat = Math.floor(now / 1000);
    const header = b64({ typ: 'JWT', alg: 'HS256', kid: 'sandbox' });
    const payload = b64({
      jti: randomUUID(),
      iss: 'https://auth.atlassian.com',
      aud: 'api.atlassian.com',
      sub: fields.accountId,
      client_id: fields.clientId,
      scope: fields.scopes.join(' '),
      iat,
      exp: iat + lifetimeSecs,
    });
    const signature = createHmac('sha256', signingKey).update(`${header}.${payload}`).digest('base64url');
    const record: AccessToken = { ...fields, token: `${header}.${payload}.${signature}`, issuedAt: now, expiresAt: now + lifetimeSecs * 1000 };
    this.tokens.set(record.token, record);
    return record;
  }

  /** The token if it exists and has not expired. */
  lookup(token: string, now: number): AccessToken | null {
    const record = this.tokens.get(token);
    return record && now < record.expiresAt ? record : null;
  }

  list(): AccessToken[] {
    return [...this.tokens.values()];
  }
}
