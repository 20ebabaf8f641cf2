import { describeType, isBase64, isDateTime, isValidSimpleValue } from './value-types';

describe('isDateTime', () => {
  it.each([
    '2010-01-23T04:56:22Z',
    '2011-05-13T04:42:34.123Z',
    '2011-05-13t04:42:34z',
    '2011-05-13T04:42:34+05:30',
    '2011-05-13T04:42:34-08:00',
    '2024-02-29T00:00:00Z',
    '2016-12-31T23:59:60Z',
  ])('accepts %s', (text) => {
    expect(isDateTime(text)).toBe(true);
  });

  it.each([
    '2011-05-13',
    '2011-05-13T04:42:34',
    '2011-05-13 04:42:34Z',
    '2011-13-01T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2011-04-31T00:00:00Z',
    '2011-05-13T24:00:00Z',
    '2011-05-13T04:60:00Z',
    '2011-05-13T04:42:34+24:00',
    '2011-05-13T04:42:34+0530',
    ' 2011-05-13T04:42:34Z',
  ])('refuses %s', (text) => {
    expect(isDateTime(text)).toBe(false);
  });
});

describe('isBase64', () => {
  it.each(['', 'YQ==', 'YWI=', 'YWJj', 'a+/9'])('accepts %p', (text) => {
    expect(isBase64(text)).toBe(true);
  });

  it.each(['YQ', 'YQ=', 'YW Jj', 'YW\nJj', 'a-_9', '=YWJ'])('refuses %p', (text) => {
    expect(isBase64(text)).toBe(false);
  });
});

describe('isValidSimpleValue', () => {
  it('checks each simple type', () => {
    expect(isValidSimpleValue('string', '')).toBe(true);
    expect(isValidSimpleValue('reference', 'https://example.com/v2/Users/1')).toBe(true);
    expect(isValidSimpleValue('boolean', false)).toBe(true);
    expect(isValidSimpleValue('boolean', 0)).toBe(false);
    expect(isValidSimpleValue('integer', -7)).toBe(true);
    expect(isValidSimpleValue('integer', 7.1)).toBe(false);
    expect(isValidSimpleValue('decimal', 7.1)).toBe(true);
    expect(isValidSimpleValue('decimal', Number.NaN)).toBe(false);
    expect(isValidSimpleValue('decimal', Infinity)).toBe(false);
  });

  it('describes types for error details', () => {
    expect(describeType('integer')).toBe('an integer');
    expect(describeType('complex')).toBe('an object');
  });
});
