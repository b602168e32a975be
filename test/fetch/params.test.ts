// What fetch-incidents relies on from the parameter table's fetch surface (src/fetch/params.ts, helper F's;
// its exact sentences are pinned by test/generated/parameters.test.ts): defaults, aliases, severities as the
// session labels fetch turns into integers, and one FetchParamsError sentence naming the parameter.
import { FetchParamsError } from '../../src/fetch/errors';
import { parseFetchParams } from '../../src/fetch/params';

describe('fetch parameters as fetch-incidents reads them', () => {
  it('defaults to every severity, 24 hours back, 10 sessions, no files, a 5-minute look-back', () => {
    expect(parseFetchParams({})).toMatchObject({
      severities: [],
      firstFetch: { kind: 'relative', amount: 24, unit: 'hours', text: '24 hours' },
      maxFetch: 10,
      includeFiles: false,
      lookbackMinutes: 5,
    });
  });

  it('reads the strings XSOAR sends and a typed instance configuration alike', () => {
    expect(parseFetchParams({ max_fetch: '50', include_files: 'true', fetch_lookback: '15' })).toMatchObject({ maxFetch: 50, includeFiles: true, lookbackMinutes: 15 });
    expect(parseFetchParams({ max_fetch: 200, include_files: true, fetch_lookback: 0 })).toMatchObject({ maxFetch: 200, includeFiles: true, lookbackMinutes: 0 });
  });

  it('accepts the official integration names fetch_time and fetch_limit, the XSOAR name winning', () => {
    expect(parseFetchParams({ fetch_time: '2 hours', fetch_limit: '25' })).toMatchObject({ firstFetch: { amount: 2, unit: 'hours' }, maxFetch: 25 });
    expect(parseFetchParams({ max_fetch: '5', fetch_limit: '25' }).maxFetch).toBe(5);
  });

  it('gives the severities as session severity labels, any case, without repeats', () => {
    expect(parseFetchParams({ alert_severity: ['Critical', 'high', 'HIGH'] }).severities).toEqual(['CRITICAL', 'HIGH']);
    expect(parseFetchParams({ alert_severity: 'Moderate, Low' }).severities).toEqual(['MODERATE', 'LOW']);
  });

  it.each([
    [{ max_fetch: '0' }, 'max_fetch'],
    [{ max_fetch: 201 }, 'max_fetch'],
    [{ fetch_limit: 'ten' }, 'fetch_limit'],
    [{ fetch_lookback: '-1' }, 'fetch_lookback'],
    [{ include_files: 'maybe' }, 'include_files'],
    [{ alert_severity: ['Severe'] }, 'alert_severity'],
    [{ first_fetch: { days: 3 } }, 'first_fetch'],
    [{ fetch_time: 'last week' }, 'fetch_time'],
  ])('refuses %j with one sentence naming %s', (input, name) => {
    let error: unknown;
    try {
      parseFetchParams(input);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(FetchParamsError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message.trim().split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(1);
  });

  it('treats empty XSOAR fields as not set', () => {
    expect(parseFetchParams({ first_fetch: '', max_fetch: '', alert_severity: [], fetch_lookback: ' ' })).toMatchObject({ maxFetch: 10, lookbackMinutes: 5, severities: [] });
  });
});
