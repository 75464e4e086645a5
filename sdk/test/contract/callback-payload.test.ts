import { CallbackPayload } from '../../src/contract/callbacks';

describe('CallbackPayload', () => {
  const body = { program: 'shenzhen', operator: 'metro', results: [] };

  it('is typed events.decided', () => {
    expect(CallbackPayload.safeParse({ type: 'events.decided', ...body }).success).toBe(true);
  });

  // Renamed before the first release, when no operator could have received it: not accepted.
  it('refuses the pre-release name events.settled', () => {
    expect(CallbackPayload.safeParse({ type: 'events.settled', ...body }).success).toBe(false);
  });
});
