import { describe, expect, it } from 'vitest';
import { describeDeliveryError } from './describe-delivery-error';

describe('describeDeliveryError', () => {
  it('puts known kinds in words and keeps an unknown one readable', () => {
    expect(describeDeliveryError('circuit_open')).toBe('Held back: the endpoint keeps failing');
    expect(describeDeliveryError('timeout')).toBe('No answer within 10 s');
    expect(describeDeliveryError('enotfound')).toBe('Host not found (DNS)');
    expect(describeDeliveryError('ehostunreach')).toBe('ehostunreach');
    expect(describeDeliveryError('some_new_kind')).toBe('some new kind');
  });
});
