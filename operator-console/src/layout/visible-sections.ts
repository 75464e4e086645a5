import type { Access } from '../access/access';
import type { ConsoleSection } from './routes';

/** The sections a principal may open, in menu order. */
export function visibleSections(sections: ConsoleSection[], access: Access): ConsoleSection[] {
  return sections.filter((s) => s.access.some((a) => access[a]));
}

/** Where a principal lands after signing in: the first page it may open. */
export function homeOf(sections: ConsoleSection[], access: Access): string | null {
  return visibleSections(sections, access)[0]?.pages[0]?.path ?? null;
}
