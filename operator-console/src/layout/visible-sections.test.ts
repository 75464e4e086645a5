import { describe, expect, it } from 'vitest';
import { accessOf } from '../access/access';
import type { Principal } from '../session/principal';
import type { ConsoleSection } from './routes';
import { homeOf, visibleSections } from './visible-sections';

const page = (path: string) => ({
  path,
  name: 'menu.events' as const,
  element: null,
  scoped: true,
});
const SECTIONS: ConsoleSection[] = [
  { name: 'menu.admin', access: ['admin'], pages: [page('/admin/programs')] },
  { name: 'menu.operator', access: ['operator'], pages: [page('/operator/events')] },
  { name: 'menu.bureau', access: ['bureau', 'admin'], pages: [page('/bureau/methodologies')] },
  { name: 'menu.merchant', access: ['merchant'], pages: [page('/merchant/stores')] },
];

const principal = (roles: Principal['roles']): Principal => ({
  kind: 'participant',
  keyId: 'k',
  program: 'shenzhen',
  participant: 'p',
  roles,
});

describe('the menu follows the roles', () => {
  it('shows an operator its section only, and lands it there', () => {
    const access = accessOf(principal(['operator']));
    expect(visibleSections(SECTIONS, access).map((s) => s.name)).toEqual(['menu.operator']);
    expect(homeOf(SECTIONS, access)).toBe('/operator/events');
  });

  it('shows a participant that is operator and merchant both sections', () => {
    const access = accessOf(principal(['operator', 'merchant']));
    expect(visibleSections(SECTIONS, access).map((s) => s.name)).toEqual([
      'menu.operator',
      'menu.merchant',
    ]);
  });

  it('shows an admin the platform and the bureau’s pages, and nobody anything without a principal', () => {
    expect(visibleSections(SECTIONS, accessOf(principal(['admin']))).map((s) => s.name)).toEqual([
      'menu.admin',
      'menu.bureau',
    ]);
    expect(visibleSections(SECTIONS, accessOf(null))).toEqual([]);
  });
});
