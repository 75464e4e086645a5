import { describe, expect, it } from 'vitest';
import { eventsQueryOf } from './event-filters';

describe('eventsQueryOf', () => {
  it('sends only the filters that are set, and the cursor', () => {
    expect(eventsQueryOf({}, null)).toEqual({ limit: 50 });
    expect(
      eventsQueryOf(
        {
          status: 'credited',
          behaviour: ' metro ',
          range: ['2026-01-01T00:00:00.000Z', undefined],
        },
        'evt_12',
        20,
      ),
    ).toEqual({
      limit: 20,
      status: 'credited',
      behaviour: 'metro',
      from: '2026-01-01T00:00:00.000Z',
      after: 'evt_12',
    });
  });
});
