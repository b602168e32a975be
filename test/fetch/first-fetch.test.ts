import { FetchParamsError } from '../../src/fetch/errors';
import { firstFetchStart, parseFirstFetch } from '../../src/fetch/first-fetch';

const NOW = new Date('2024-03-31T12:00:00.000Z');
const startOf = (text: string): string => firstFetchStart(parseFirstFetch(text), NOW).toISOString();

describe('first_fetch as "<n> <unit>"', () => {
  it.each([
    ['1 minute', '2024-03-31T11:59:00.000Z'],
    ['30 minutes', '2024-03-31T11:30:00.000Z'],
    ['1 hour', '2024-03-31T11:00:00.000Z'],
    ['24 hours', '2024-03-30T12:00:00.000Z'],
    ['1 day', '2024-03-30T12:00:00.000Z'],
    ['3 days', '2024-03-28T12:00:00.000Z'],
    ['1 week', '2024-03-24T12:00:00.000Z'],
    ['2 weeks', '2024-03-17T12:00:00.000Z'],
    ['1 month', '2024-02-29T12:00:00.000Z'],
    ['2 months', '2024-01-31T12:00:00.000Z'],
    ['1 year', '2023-03-31T12:00:00.000Z'],
    ['2 years', '2022-03-31T12:00:00.000Z'],
  ])('counts "%s" back from now', (text, expected) => {
    expect(startOf(text)).toBe(expected);
  });

  it('tolerates "ago", any letter case and extra spaces', () => {
    expect(startOf('  12 Hours ago ')).toBe('2024-03-31T00:00:00.000Z');
    expect(startOf('3DAYS')).toBe('2024-03-28T12:00:00.000Z');
  });

  it('counts a relative range from the time of each run, not of parsing', () => {
    const parsed = parseFirstFetch('1 hour');
    expect(firstFetchStart(parsed, new Date('2024-01-01T05:00:00Z')).toISOString()).toBe('2024-01-01T04:00:00.000Z');
  });
});

describe('first_fetch as a date', () => {
  it.each([
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['2024-03-01T08:15:00Z', '2024-03-01T08:15:00.000Z'],
    ['2024-03-01T08:15:00', '2024-03-01T08:15:00.000Z'],
    ['2024-03-01 08:15', '2024-03-01T08:15:00.000Z'],
    ['2024-03-01T08:15:00.250Z', '2024-03-01T08:15:00.250Z'],
    ['2024-03-01T08:15:00+02:00', '2024-03-01T06:15:00.000Z'],
    ['2024-03-01T08:15:00-0500', '2024-03-01T13:15:00.000Z'],
  ])('reads ISO 8601 "%s" (UTC unless an offset is given)', (text, expected) => {
    expect(startOf(text)).toBe(expected);
  });

  it('reads epoch digits as seconds', () => {
    expect(startOf('1709251200')).toBe('2024-03-01T00:00:00.000Z');
  });

  it('reads epoch digits above 2e9 as milliseconds', () => {
    expect(startOf('1709251200000')).toBe('2024-03-01T00:00:00.000Z');
  });
});

describe('first_fetch that is not a time', () => {
  it.each(['3 dayz', 'yesterday', 'days', '-3 days', '3.5 days', '2023-02-30', '2024-13-01', 'now', '1 fortnight'])('rejects "%s" with one sentence', (text) => {
    expect(() => parseFirstFetch(text)).toThrow(FetchParamsError);
    expect(() => parseFirstFetch(text)).toThrow(
      `Invalid first_fetch "${text}": use "<number> <unit>" with minutes, hours, days, weeks, months or years (e.g. "3 days"), an ISO 8601 date or date-time (e.g. 2024-05-01 or 2024-05-01T12:00:00Z) or epoch seconds.`,
    );
  });

  it('names the parameter as the user set it', () => {
    expect(() => parseFirstFetch('soon', 'fetch_time')).toThrow(/^Invalid fetch_time "soon"/);
  });
});

describe('first_fetch out of range', () => {
  it.each(['100000000000000000000 days', '10000 years', '1201 months', '36526 days', '100000000000000000000', '0001-01-01'])(
    'refuses "%s" in one sentence naming the parameter and its range',
    (text) => {
      expect(() => parseFirstFetch(text)).toThrow(
        new FetchParamsError('first_fetch', `Invalid first_fetch "${text}": it may reach back at most 100 years (36525 days, 1200 months), and a date must be from 1970-01-01 on.`),
      );
    },
  );

  it('accepts exactly 100 years', () => {
    expect(startOf('100 years')).toBe('1924-03-31T12:00:00.000Z');
  });
});
