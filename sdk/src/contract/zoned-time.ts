import { z } from 'zod';

/** A time a client sends: ISO 8601 with its zone, so no one guesses which clock it was read on. */
export const ZonedTimestamp = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 time with a zone, e.g. 2026-11-21T08:30:00+08:00',
});
