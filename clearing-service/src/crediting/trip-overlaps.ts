export interface Trip {
  inboxEventId: number;
  residentId: number;
  startedAt: Date;
  endedAt: Date;
}

/**
 * The same trip reported by two operators (the metro QR code and the map app) earns once: trips of
 * one resident whose time intervals overlap are credited once, the later arrival points to the first.
 * Intervals are half-open, so a transfer that starts when the last ride ended is a new trip.
 */
export class TripOverlaps {
  private readonly byResident = new Map<number, Trip[]>();

  constructor(credited: Trip[]) {
    for (const t of credited) this.add(t);
  }

  /** The credited trip this one overlaps, if any. */
  find(t: Omit<Trip, 'inboxEventId'>): Trip | null {
    for (const other of this.byResident.get(t.residentId) ?? []) {
      if (t.startedAt < other.endedAt && other.startedAt < t.endedAt) return other;
    }
    return null;
  }

  add(t: Trip): void {
    const list = this.byResident.get(t.residentId) ?? [];
    list.push(t);
    this.byResident.set(t.residentId, list);
  }
}
