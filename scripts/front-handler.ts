import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { forwardedView, type TrustedProxies } from '../lib/http/forwarded-headers';

// Sent only to clients that reached Portico over https: over plain http browsers ignore it, and
// a proxy terminating TLS says so with X-Forwarded-Proto (believed only from a trusted proxy).
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Wraps Next's request handler: rewrites the forwarded headers from the socket's real peer before Next (and
 * the server-action origin check, Auth.js and the rate limiters) reads them, and adds HSTS over https.
 */
export function frontHandler(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void,
  trusted: TrustedProxies,
): RequestListener {
  return (req, res) => {
    const encrypted = Boolean((req.socket as Partial<TLSSocket>).encrypted);
    const view = forwardedView(req.headers, req.socket.remoteAddress, trusted, encrypted);
    for (const [name, value] of Object.entries(view.headers)) {
      if (value === undefined) delete req.headers[name];
      else req.headers[name] = value;
    }
    if (view.https) res.setHeader('Strict-Transport-Security', HSTS);
    void Promise.resolve(handle(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    });
  };
}
