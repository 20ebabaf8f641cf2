import { isDateTime, parseDateTime } from './datetime';

describe('parseDateTime', () => {
  it.each<[string, number]>([
    ['2011-05-13T04:42:34Z', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2011-05-13t04:42:34z', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2011-05-13T04:42:34.5Z', Date.UTC(2011, 4, 13, 4, 42, 34, 500)],
    ['2011-05-13T04:42:34.123456Z', Date.UTC(2011, 4, 13, 4, 42, 34, 123)],
    ['2011-05-13T06:42:34+02:00', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2011-05-12T23:12:34-05:30', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2011-05-13T04:42:34', Date.UTC(2011, 4, 13, 4, 42, 34)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['0050-01-01T00:00:00Z', new Date('0050-01-01T00:00:00.000Z').getTime()],
  ])('reads %s as an instant', (text, instant) => {
    expect(parseDateTime(text)).toBe(instant);
    expect(isDateTime(text)).toBe(true);
  });

  it.each([
    '2011-05-13',
    '2011-05-13 04:42:34Z',
    '2011-5-13T04:42:34Z',
    '2011-13-01T00:00:00Z',
    '2011-00-01T00:00:00Z',
    '2011-04-31T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2011-05-13T24:00:00Z',
    '2011-05-13T04:60:00Z',
    '2011-05-13T04:42:60Z',
    '2011-05-13T04:42:34+24:00',
    '2011-05-13T04:42:34.Z',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
    expect(isDateTime(text)).toBe(false);
  });
});
