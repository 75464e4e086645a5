import { canonicalJson, MethodologyDefinition } from '@tanlian/sdk';
import { contentHashOf } from '../../src/methodology/content/content-hash';

describe('methodology content hash', () => {
  it('hashes the SZ-METRO seed definition to the value an independent tool gives', () => {
    // Computed with Python: json.dumps(d, sort_keys=True, separators=(',', ':'), ensure_ascii=False),
    // then SHA-256 of its UTF-8 bytes (the same canonical form for ASCII keys and integer values).
    const definition = MethodologyDefinition.parse({
      title: '深圳地铁出行 (Shenzhen metro)',
      behaviour: 'metro',
      model: 'per_distance',
      factorMg: 46700,
      factorPer: 1000,
      caps: { perDayEvents: 5 },
      limits: { maxSpeedKmh: 120 },
      source: 'Shenzhen public-transit carbon-inclusion methodology (2021): metro 46.7 g CO2e/pkm',
      effectiveFrom: '2020-01-01T00:00:00+08:00',
    });
    expect(canonicalJson(definition)).toBe(
      '{"behaviour":"metro","caps":{"perDayEvents":5},"effectiveFrom":"2020-01-01T00:00:00+08:00",' +
        '"effectiveTo":null,"factorMg":46700,"factorPer":1000,"limits":{"maxSpeedKmh":120},' +
        '"model":"per_distance","source":"Shenzhen public-transit carbon-inclusion methodology (2021): metro 46.7 g CO2e/pkm",' +
        '"title":"深圳地铁出行 (Shenzhen metro)"}',
    );
    expect(contentHashOf(definition)).toBe(
      'e776111af43195f504200064bec4ad36eecf588ad6530afd2aecd1683065d44e',
    );
  });
});
