/**
 * Tanlian's public reference of a stored event, `evt_<n>`: what a push answers, what status
 * lookups and callbacks carry, and the cursor of a resident's history (`nextBefore`).
 */
export const EVENT_REFERENCE = /^evt_(\d+)$/;

export function eventReference(inboxId: string | number): string {
  return `evt_${inboxId}`;
}

/** The number inside a reference, or null when it is not one. */
export function eventNumberOf(reference: string): number | null {
  const m = EVENT_REFERENCE.exec(reference);
  return m ? Number(m[1]) : null;
}
