// Reading and writing dates for the date transformers and filters: the Go layouts XSOAR's filter
// documentation lists, dateutil's day/month rules, isoformat's text and dateparser's relative variations.
import fc from 'fast-check';
import { applyVariation, instantOf, isoFormat, readDate, readWithFormat, type WrittenDate } from '../../src/playbooks/transformers/dates';

const moment = (text: string, options = {}) => {
  const date = readDate(text, options);
  return date ? new Date(instantOf(date)).toISOString() : undefined;
};

describe('readDate', () => {
  // The layouts of XSOAR's "Supported time and date formats" table (Go's time package), with 2 Jan 2019.
  test.each([
    ['ANSIC', 'Wed Jan  2 15:04:05 2019', '2019-01-02T15:04:05.000Z'],
    ['UnixDate', 'Wed Jan  2 15:04:05 MST 2019', '2019-01-02T22:04:05.000Z'],
    ['RubyDate', 'Wed Jan 02 15:04:05 -0700 2019', '2019-01-02T22:04:05.000Z'],
    ['RFC822', '02 Jan 19 15:04 MST', '2019-01-02T22:04:00.000Z'],
    ['RFC822Z', '02 Jan 19 15:04 -0700', '2019-01-02T22:04:00.000Z'],
    ['RFC850', 'Wednesday, 02-Jan-19 15:04:05 MST', '2019-01-02T22:04:05.000Z'],
    ['RFC1123', 'Wed, 02 Jan 2019 15:04:05 MST', '2019-01-02T22:04:05.000Z'],
    ['RFC1123Z', 'Wed, 02 Jan 2019 15:04:05 -0700', '2019-01-02T22:04:05.000Z'],
    ['RFC3339', '2019-01-02T15:04:05-07:00', '2019-01-02T22:04:05.000Z'],
    ['RFC3339Nano', '2019-01-02T15:04:05.999999999Z', '2019-01-02T15:04:05.999Z'],
    ['ISO date', '2019-01-02', '2019-01-02T00:00:00.000Z'],
    ['ISO with space', '2019-01-02 15:04:05', '2019-01-02T15:04:05.000Z'],
    ['12-hour clock', 'January 2, 2019 3:04 PM', '2019-01-02T15:04:00.000Z'],
    ['midnight, 12-hour', 'Jan 2 2019 12:00 am', '2019-01-02T00:00:00.000Z'],
    ['month first', '01/02/2019', '2019-01-02T00:00:00.000Z'],
    ['day over 12 is a day', '13/01/2019', '2019-01-13T00:00:00.000Z'],
    ['dots', '2019.01.02', '2019-01-02T00:00:00.000Z'],
    ['compact', '20190102', '2019-01-02T00:00:00.000Z'],
    ['month and year', 'June 2020', '2020-06-01T00:00:00.000Z'],
    ['GMT offset', 'Wed, 02 Jan 2019 15:04:05 GMT+0100', '2019-01-02T14:04:05.000Z'],
  ])('%s: %s', (_, text, expected) => expect(moment(text)).toBe(expected));

  test.each([
    ['dayfirst reads 01/02/2019 as 1 February', '01/02/2019', { dayFirst: true }, '2019-02-01T00:00:00.000Z'],
    ['yearfirst reads 19/01/02 as 2019-01-02', '19/01/02', { yearFirst: true }, '2019-01-02T00:00:00.000Z'],
    ['yearfirst and dayfirst read 19/02/01 as 2019-01-02', '19/02/01', { yearFirst: true, dayFirst: true }, '2019-01-02T00:00:00.000Z'],
    ['two-digit years 69-99 are 19xx', '01/02/69', {}, '1969-01-02T00:00:00.000Z'],
    ['two-digit years 00-68 are 20xx', '01/02/68', {}, '2068-01-02T00:00:00.000Z'],
  ])('%s', (_, text, options, expected) => expect(moment(text, options)).toBe(expected));

  test.each([['not a date'], [''], ['31 April 2020'], ['2020-02-30'], ['25:00 1 Jan 2020'], ['12:30'], ['Jan 5'], ['1 2 3 4'], ['13:00 PM 1 Jan 2020'], ['The 1st of June 2020']])(
    '%j is no date (without fuzzy)',
    (text) => expect(readDate(text)).toBeUndefined(),
  );

  test('fuzzy skips words that are no part of a date', () => expect(moment('Today is January 1, 2047 at 8:21:00AM', { fuzzy: true })).toBe('2047-01-01T08:21:00.000Z'));

  test('a date without a zone is naive; with one it keeps the offset it was written in', () => {
    expect(readDate('2020-01-01T10:00:00')?.offset).toBeUndefined();
    expect(readDate('2020-01-01T10:00:00+05:30')?.offset).toBe(330);
    expect(readDate('2020-01-01T10:00:00Z')?.offset).toBe(0);
  });
});

describe('isoFormat writes what Python datetime.isoformat() writes', () => {
  test.each<[WrittenDate, string]>([
    [{ wall: Date.UTC(2020, 0, 1, 10), micro: 0 }, '2020-01-01T10:00:00'],
    [{ wall: Date.UTC(2020, 0, 1, 10), micro: 754000, offset: 0 }, '2020-01-01T10:00:00.754000+00:00'],
    [{ wall: Date.UTC(2020, 0, 1, 10), micro: 5, offset: -270 }, '2020-01-01T10:00:00.000005-04:30'],
  ])('%j is %s', (date, expected) => expect(isoFormat(date)).toBe(expected));

  test('readDate reads isoFormat back to the same date', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31) / 1000 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.option(fc.integer({ min: -14 * 60, max: 14 * 60 }), { nil: undefined }),
        (seconds, micro, offset) => {
          const date: WrittenDate = { wall: seconds * 1000, micro, ...(offset === undefined ? {} : { offset }) };
          expect(readDate(isoFormat(date))).toEqual(date);
        },
      ),
    ));
});

describe('applyVariation (dateparser relative dates)', () => {
  const base: WrittenDate = { wall: Date.UTC(2020, 0, 31, 12), micro: 0 };
  const after = (variation: string) => {
    const moved = applyVariation(base, variation);
    return moved && isoFormat(moved);
  };

  test.each([
    ['in 1 day', '2020-02-01T12:00:00'],
    ['2 hours ago', '2020-01-31T10:00:00'],
    ['+30s', '2020-01-31T12:00:30'],
    ['1 week', '2020-01-24T12:00:00'],
    ['in 1 month', '2020-02-29T12:00:00'],
    ['in a year', '2021-01-31T12:00:00'],
    ['tomorrow', '2020-02-01T12:00:00'],
    ['now', '2020-01-31T12:00:00'],
    ['last week', '2020-01-24T12:00:00'],
    ['in 1 day 30 minutes', '2020-02-01T12:30:00'],
    ['someday', undefined],
    ['next fortnight', undefined],
    ['in 3 eons', undefined],
  ])('%s', (variation, expected) => expect(after(variation)).toBe(expected));
});

describe('readWithFormat (strptime)', () => {
  test.each([
    ['2020-01-02 03:04:05', '%Y-%m-%d %H:%M:%S', '2020-01-02T03:04:05.000Z'],
    // A spring-forward gap in US and EU local time: read as UTC, it exists whatever the machine's zone.
    ['2020-03-08 02:30:00', '%Y-%m-%d %H:%M:%S', '2020-03-08T02:30:00.000Z'],
    ['2020-03-29 02:30:00', '%Y-%m-%d %H:%M:%S', '2020-03-29T02:30:00.000Z'],
    ['Jan 02 03:04', '%b %d %H:%M', '1900-01-02T03:04:00.000Z'],
    ['2/1/20 3:04 PM', '%d/%m/%y %I:%M %p', '2020-01-02T15:04:00.000Z'],
    ['Thursday, January 02 2020', '%A, %B %d %Y', '2020-01-02T00:00:00.000Z'],
    ['2020-01-02T03:04:05+0200', '%Y-%m-%dT%H:%M:%S%z', '2020-01-02T01:04:05.000Z'],
    ['100% 2020', '100%% %Y', '2020-01-01T00:00:00.000Z'],
    ["it's 2020", "it's %Y", '2020-01-01T00:00:00.000Z'],
    ['2020 032 10:00:00.250000', '%Y %j %H:%M:%S.%f', '2020-02-01T10:00:00.250Z'],
    ['2020-01-02T03:04:05Z', '%Y-%m-%dT%H:%M:%S%z', '2020-01-02T03:04:05.000Z'],
    ['MON 06 jan 2020', '%a %d %b %Y', '2020-01-06T00:00:00.000Z'],
  ])('%s with %s', (value, format, expected) => expect(new Date(readWithFormat(value, format)!).toISOString()).toBe(expected));

  test.each([
    ['2020-01-02', '%d/%m/%Y'],
    ['31/04/2020', '%d/%m/%Y'],
    ['13:00 PM', '%I:%M %p'],
    ['2020-01-02 extra', '%Y-%m-%d'],
  ])('%s does not fit %s', (value, format) => expect(readWithFormat(value, format)).toBeUndefined());
});
