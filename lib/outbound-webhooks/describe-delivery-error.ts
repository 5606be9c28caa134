/**
 * The delivery log's "Response" cell for a delivery that got no HTTP status: the stored kind (send-webhook.ts,
 * the circuit breaker, a disabled endpoint) in words. Pure; the API keeps the kind itself (`last_error`).
 */
const WORDS: Record<string, string> = {
  timeout: 'No answer within 10 s',
  connection_refused: 'Connection refused',
  private_address: 'Refused: private address',
  invalid_url: 'Invalid URL',
  unsupported_scheme: 'Not http or https',
  redirect_not_followed: 'Redirect (not followed)',
  circuit_open: 'Held back: the endpoint keeps failing',
  endpoint_disabled: 'Endpoint disabled',
  enotfound: 'Host not found (DNS)',
  eai_again: 'DNS lookup failed',
  econnreset: 'Connection reset',
  network_error: 'Network error',
};

export function describeDeliveryError(kind: string): string {
  return WORDS[kind] ?? kind.replaceAll('_', ' ');
}
