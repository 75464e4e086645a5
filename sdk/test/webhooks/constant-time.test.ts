import { constantTimeEqual } from '../../src/webhooks/constant-time';

describe('constantTimeEqual', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('is true only for identical bytes', () => {
    expect(constantTimeEqual(bytes(), bytes())).toBe(true);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(bytes(0, 2, 3), bytes(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(0x80), bytes(0x00))).toBe(false);
  });

  it('is false for different lengths, even when one is a prefix of the other', () => {
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(), bytes(0))).toBe(false);
  });
});
