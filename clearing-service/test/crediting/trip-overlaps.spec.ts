import { TripOverlaps, type Trip } from '../../src/crediting/trip-overlaps';

const at = (hhmm: string) => new Date(`2026-11-10T${hhmm}:00+08:00`);
const trip = (inboxEventId: number, residentId: number, from: string, to: string): Trip => ({
  inboxEventId,
  residentId,
  startedAt: at(from),
  endedAt: at(to),
});
const query = (residentId: number, from: string, to: string) => ({
  residentId,
  startedAt: at(from),
  endedAt: at(to),
});

// The metro QR code reported resident 7's ride 08:00–08:30 as inbox event 1.
const metroRide = trip(1, 7, '08:00', '08:30');

it('finds the credited ride when the map app reports the same trip with other times', () => {
  const trips = new TripOverlaps([metroRide]);
  expect(trips.find(query(7, '07:58', '08:33'))).toEqual(metroRide);
  expect(trips.find(query(7, '08:10', '08:20'))).toEqual(metroRide); // inside it
  expect(trips.find(query(7, '08:29', '09:00'))).toEqual(metroRide); // one minute in common
});

it('treats a transfer starting when the ride ended as a new trip (half-open intervals)', () => {
  const trips = new TripOverlaps([metroRide]);
  expect(trips.find(query(7, '08:30', '08:50'))).toBeNull();
  expect(trips.find(query(7, '07:40', '08:00'))).toBeNull();
});

it('never matches another resident’s trip at the same time', () => {
  const trips = new TripOverlaps([metroRide]);
  expect(trips.find(query(8, '08:00', '08:30'))).toBeNull();
});

it('finds trips added in this batch, so two reports in one batch also earn once', () => {
  const trips = new TripOverlaps([]);
  expect(trips.find(query(7, '08:00', '08:30'))).toBeNull();
  trips.add(metroRide);
  expect(trips.find(query(7, '08:05', '08:25'))).toEqual(metroRide);
});

it('names the earliest-credited of several overlapping trips', () => {
  const bus = trip(2, 7, '08:20', '08:45');
  const trips = new TripOverlaps([metroRide, bus]);
  expect(trips.find(query(7, '08:25', '08:40'))?.inboxEventId).toBe(1);
  expect(trips.find(query(7, '08:35', '08:40'))?.inboxEventId).toBe(2);
});
