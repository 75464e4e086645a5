// The service's calculation text, with its numbers filled in, as a resident reads it: milligram
// amounts shown as grams (the service computes in mg; residents think in g and kg), and its few
// English words in the app's language. The numbers themselves are never recomputed here.
import { localeName } from '../locales';
import { formatMass } from './amounts';

const WORDS: Record<string, { 'zh-CN': string; en: string }> = {
  ' (floor)': { 'zh-CN': '（向下取整）', en: ' (rounded down)' },
  'capped at': { 'zh-CN': '上限', en: 'capped at' },
  'per event': { 'zh-CN': '每次', en: 'per event' },
  event: { 'zh-CN': '次', en: 'event' },
  baseline: { 'zh-CN': '基线', en: 'baseline' },
  city: { 'zh-CN': '城市', en: 'city' },
  '7-day average': { 'zh-CN': '7日均值', en: '7-day average' },
  'no 7-day average': { 'zh-CN': '无7日均值', en: 'no 7-day average' },
};

export function formatFormula(formula: string): string {
  const zh = localeName() === 'zh-CN';
  // "<n> mg" → grams; "<n> mg / <m> m" keeps the factor readable as "<n> mg/<m> m"
  let text = formula.replace(/(\d+) mg(?! \/)/g, (_, n: string) => formatMass(n));
  text = text.replace(
    /(\d+) mg \/ (\d+) (\w+)/g,
    (_, n: string, per: string, unit: string) => `${formatMass(n)}/${per} ${unit}`,
  );
  for (const [word, translation] of Object.entries(WORDS).sort(
    (a, b) => b[0].length - a[0].length,
  )) {
    text = text.split(word).join(zh ? translation['zh-CN'] : translation.en);
  }
  return text;
}
