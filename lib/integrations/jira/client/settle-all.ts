/**
 * Promise.all that waits for every call before failing. Promise.all rejects at the first failure
 * and leaves the other Jira calls running after the caller has answered: each may still refresh the
 * grant's token (rotating it) behind a response that already went out, or outlive a lease. This
 * settles them all, then throws the first failure in input order.
 */
export async function settleAll<T extends readonly unknown[] | []>(
  values: T,
): Promise<{ -readonly [P in keyof T]: Awaited<T[P]> }> {
  const results = await Promise.allSettled<readonly unknown[]>(values);
  const settled: unknown[] = [];
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    settled.push(result.value);
  }
  return settled as { -readonly [P in keyof T]: Awaited<T[P]> };
}
