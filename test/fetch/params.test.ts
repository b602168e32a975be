import { FetchParamsError } from '../../src/fetch/errors';
import { parseFetchParams } from '../../src/fetch/params';

describe('fetch parameters', () => {
  it('defaults to every severity, 24 hours back, 10 alerts, no files, a 5-minute look-back', () => {
    const params = parseFetchParams({});
    expect(params).toEqual({
      severities: [],
      firstFetch: { kind: 'relative', amount: 24, unit: 'hours', text: '24 hours' },
      maxFetch: 10,
      includeFiles: false,
      incidentType: '',
      lookbackMinutes: 5,
    });
  });

  it('reads the strings XSOAR sends for text fields and checkboxes', () => {
    const params = parseFetchParams({ max_fetch: '50', include_files: 'true', fetch_lookback: '15', incidentType: ' Code42 Security Alert ' });
    expect(params).toMatchObject({ maxFetch: 50, includeFiles: true, lookbackMinutes: 15, incidentType: 'Code42 Security Alert' });
  });

  it('reads a typed instance configuration', () => {
    const params = parseFetchParams({ alert_severity: ['High'], first_fetch: '3 days', max_fetch: 200, include_files: true, incidentType: 'X', fetch_lookback: 0 });
    expect(params).toMatchObject({ severities: ['HIGH'], maxFetch: 200, includeFiles: true, lookbackMinutes: 0 });
  });

  it('accepts the official integration names fetch_time and fetch_limit', () => {
    const params = parseFetchParams({ fetch_time: '2 hours', fetch_limit: '25' });
    expect(params.firstFetch).toMatchObject({ kind: 'relative', amount: 2, unit: 'hours' });
    expect(params.maxFetch).toBe(25);
  });

  it('prefers the XSOAR name when both it and the alias are set', () => {
    expect(parseFetchParams({ max_fetch: '5', fetch_limit: '25' }).maxFetch).toBe(5);
  });

  it('maps the severity multi-select to Code42 riskSeverity values, any case, without repeats', () => {
    expect(parseFetchParams({ alert_severity: ['Critical', 'high', 'HIGH'] }).severities).toEqual(['CRITICAL', 'HIGH']);
    expect(parseFetchParams({ alert_severity: 'Moderate, Low' }).severities).toEqual(['MODERATE', 'LOW']);
  });

  it.each([
    [{ max_fetch: '0' }, 'Invalid max_fetch "0": expected a whole number from 1 to 200.'],
    [{ max_fetch: 201 }, 'Invalid max_fetch 201: expected a whole number from 1 to 200.'],
    [{ fetch_limit: 'ten' }, 'Invalid fetch_limit "ten": expected a whole number from 1 to 200.'],
    [{ max_fetch: '2.5' }, 'Invalid max_fetch "2.5": expected a whole number from 1 to 200.'],
    [{ fetch_lookback: '-1' }, 'Invalid fetch_lookback "-1": expected a whole number from 0 to 1440.'],
    [{ include_files: 'maybe' }, 'Invalid include_files "maybe": expected true or false.'],
    [{ alert_severity: ['Severe'] }, 'Invalid alert_severity "Severe": choose from Critical, High, Moderate, Low.'],
    [{ incidentType: 5 }, 'Invalid incidentType 5: expected the name of an incident type.'],
    [{ first_fetch: { days: 3 } }, 'Invalid first_fetch {"days":3}: expected text such as "3 days".'],
  ])('rejects %j with one sentence', (input, message) => {
    expect(() => parseFetchParams(input)).toThrow(FetchParamsError);
    expect(() => parseFetchParams(input)).toThrow(message);
  });

  it('rejects a bad fetch_time under its own name', () => {
    expect(() => parseFetchParams({ fetch_time: 'last week' })).toThrow(/^Invalid fetch_time "last week": use/);
  });

  it('treats empty XSOAR fields as not set', () => {
    expect(parseFetchParams({ first_fetch: '', max_fetch: '', alert_severity: [], fetch_lookback: ' ' })).toMatchObject({ maxFetch: 10, lookbackMinutes: 5, severities: [] });
  });
});
