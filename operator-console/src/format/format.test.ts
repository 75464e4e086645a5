import { describe, expect, it } from 'vitest';
import { gramsOf, pointsOf, shortHash, yuanOf } from './format';

describe('format', () => {
  it('writes milligrams as grams with one decimal, from integers', () => {
    expect(gramsOf(373_600)).toBe('373.6 g');
    expect(gramsOf('3600')).toBe('3.6 g');
    expect(gramsOf(0)).toBe('0.0 g');
    expect(gramsOf('12345678901234567')).toBe('12,345,678,901,234.6 g');
    expect(gramsOf(null)).toBe('—');
  });

  it('keeps bigint-sized point amounts exact', () => {
    expect(pointsOf('9007199254740993')).toBe('9,007,199,254,740,993');
    expect(pointsOf(37)).toBe('37');
    expect(pointsOf(undefined)).toBe('—');
  });

  it('shortens long hashes only', () => {
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash('0123456789abcdef0123456789abcdef', 4)).toBe('0123…cdef');
  });

  it('writes fen as yuan exactly, negative positions included', () => {
    expect(yuanOf('13')).toBe('¥0.13');
    expect(yuanOf('-400')).toBe('-¥4.00');
    expect(yuanOf('123456789012345678')).toBe('¥1,234,567,890,123,456.78');
    expect(yuanOf(null)).toBe('—');
  });
});
