import { describe, expect, it } from 'vitest';
import { describeDeliveryError } from './describe-delivery-error';

describe('describeDeliveryError', () => {
  it('puts known kinds in words and keeps an unknown one readable', () => {
    expect(describeDeliveryError('circuit_open')).toBe('Held back: the endpoint keeps failing');
    expect(describeDeliveryError('timeout')).toBe('No answer within 10 s');
    expect(describeDeliveryError('econnreset')).toBe('econnreset');
    expect(describeDeliveryError('network_error')).toBe('network error');
  });
});
