import { describe, expect, it } from 'vitest';
import { settleAll } from './settle-all';

const later = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe('settleAll', () => {
  it('returns every value in order', async () => {
    await expect(settleAll([later(5, 'a'), later(1, 2)])).resolves.toEqual(['a', 2]);
  });

  it('fails only once every call has finished, with the first failure in input order', async () => {
    let slowDone = false;
    const slow = later(30, 'slow').then((value) => ((slowDone = true), value));
    await expect(settleAll([later(10, 'second', true), later(1, 'first', true), slow])).rejects.toThrow('second');
    expect(slowDone).toBe(true);
  });
});
