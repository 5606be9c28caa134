/** Where a signed-in user lands when the requested page is missing or not acceptable. */
export const DEFAULT_AFTER_SIGN_IN = '/settings/integrations';

// C0 controls, DEL and the backslash: URL parsers strip tabs and newlines and read "\" as "/", so
// "/\t/evil.example" or "/\\evil.example" turn into the protocol-relative "//evil.example" after a
// prefix check passed; a raw newline in a Location header also makes Node answer 500.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * The path (with query and hash) to send the user to after sign-in, or the default page. Accepts only a
 * same-origin path: the value is parsed against Portico's base URL, its origin compared, and the result
 * re-serialised, so what the browser follows is exactly what was checked. Pure: used by the sign-in
 * actions and by Auth.js's redirect callback.
 */
export function safeCallbackPath(value: unknown, baseUrl: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  if (UNSAFE_CHARACTERS.test(value)) return DEFAULT_AFTER_SIGN_IN;
  let base: URL;
  let target: URL;
  try {
    base = new URL(baseUrl);
    target = new URL(value, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (target.origin !== base.origin) return DEFAULT_AFTER_SIGN_IN;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "/.//evil.example" normalises to "//evil.example": same origin here, another host once a browser
  // resolves the bare path.
  if (!path.startsWith('/') || path.startsWith('//')) return DEFAULT_AFTER_SIGN_IN;
  return path;
}

/** Auth.js's redirect callback: every redirect it issues (sign-in, OIDC, sign-out) stays on `baseUrl`. */
export function sameOriginRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
}
