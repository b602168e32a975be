// Command results -> XSOAR entries (xsoar-conventions §2.3–2.4, §2.6).
import { contextKey, errorEntry, fileEntry, resultToEntry } from '../../src/xsoar/entry';

describe('resultToEntry', () => {
  test('reproduces the verified CommandResults example of §2.3 exactly', () => {
    const entry = resultToEntry({ prefix: 'Code42.SecurityAlert', keyField: 'ID', outputs: [{ ID: 's-1', State: 'OPEN' }] });
    expect(JSON.stringify(entry)).toBe(
      JSON.stringify({
        Type: 1,
        ContentsFormat: 'json',
        Contents: [{ ID: 's-1', State: 'OPEN' }],
        HumanReadable: '### Results\n|ID|State|\n|---|---|\n| s-1 | OPEN |\n',
        EntryContext: { 'Code42.SecurityAlert(val.ID && val.ID == obj.ID)': [{ ID: 's-1', State: 'OPEN' }] },
        IndicatorTimeline: [],
        IgnoreAutoExtract: false,
        Note: false,
        Relationships: [],
      }),
    );
  });

  test('several key fields are each guarded and joined with &&', () => {
    const entry = resultToEntry({ prefix: 'Code42.Watchlist', keyField: ['WatchlistID', 'Username'], outputs: { WatchlistID: 'w1', Username: 'u' } });
    expect(Object.keys(entry.EntryContext!)).toEqual([
      'Code42.Watchlist(val.WatchlistID && val.WatchlistID == obj.WatchlistID && val.Username && val.Username == obj.Username)',
    ]);
  });

  test('a prefix without a key field writes under the bare prefix', () => {
    expect(resultToEntry({ prefix: 'Code42.Case', outputs: { Number: 7 } }).EntryContext).toEqual({ 'Code42.Case': { Number: 7 } });
    expect(contextKey('Code42.Case')).toBe('Code42.Case');
  });

  test('without a prefix a dict of outputs is the context itself', () => {
    const outputs = { 'Code42.User(val.ID && val.ID == obj.ID)': { ID: 'u1' }, 'File(val.SHA256)': { SHA256: 'ab' } };
    expect(resultToEntry({ outputs }).EntryContext).toEqual(outputs);
  });

  test('empty outputs add nothing to context and say so in the readable output', () => {
    for (const outputs of [null, undefined, []]) {
      const entry = resultToEntry({ prefix: 'Code42.SecurityAlert', keyField: 'ID', outputs, title: 'Code42 Alerts' });
      expect(entry.EntryContext).toEqual({});
      expect(entry.HumanReadable).toBe('### Code42 Alerts\nNo results found\n');
    }
  });

  test('the raw response becomes Contents while the outputs feed context and the table', () => {
    const raw = { alerts: [{ id: 's-1', state: 'OPEN', extra: 'x' }], totalCount: 1 };
    const entry = resultToEntry({ prefix: 'Code42.SecurityAlert', keyField: 'ID', outputs: [{ ID: 's-1' }], raw, title: 'Alerts' });
    expect(entry.Contents).toBe(raw);
    expect(entry.ContentsFormat).toBe('json');
    expect(entry.EntryContext).toEqual({ 'Code42.SecurityAlert(val.ID && val.ID == obj.ID)': [{ ID: 's-1' }] });
    expect(entry.HumanReadable).toBe('### Alerts\n|ID|\n|---|\n| s-1 |\n');
  });

  test('a text raw response is text, and the given readable output replaces the table', () => {
    const entry = resultToEntry({ outputs: { 'Code42.Ok': true }, raw: 'ok', readable: 'All good.' });
    expect(entry).toMatchObject({ ContentsFormat: 'text', Contents: 'ok', HumanReadable: 'All good.' });
  });

  test('the given headers order the readable table', () => {
    const entry = resultToEntry({ prefix: 'P', outputs: [{ b: 1, a: 2 }], headers: ['b', 'a'], title: 'T' });
    expect(entry.HumanReadable).toBe('### T\n|b|a|\n|---|---|\n| 1 | 2 |\n');
  });
});

describe('errorEntry', () => {
  test('is a Type 4 text entry holding the message', () => {
    expect(errorEntry('Failed to execute command x command. Error: boom.')).toEqual({
      Type: 4,
      ContentsFormat: 'text',
      Contents: 'Failed to execute command x command. Error: boom.',
      EntryContext: {},
    });
  });

  test('keeps a message of exactly 50,000 characters whole', () => {
    const message = 'x'.repeat(50_000);
    expect(errorEntry(message).Contents).toBe(message);
  });

  test('cuts a message over 50,000 characters to both halves around the truncation notice', () => {
    const message = `${'a'.repeat(30_000)}${'b'.repeat(30_001)}`;
    const contents = errorEntry(message).Contents as string;
    expect(contents).toBe(`${'a'.repeat(25_000)}...This error body was truncated...${'b'.repeat(25_000)}`);
  });
});

describe('fileEntry', () => {
  test('is a Type 3 entry with the file name and stored id', () => {
    expect(fileEntry({ name: 'report.pdf', fileId: 'f-1' })).toEqual({ Type: 3, ContentsFormat: 'text', Contents: '', File: 'report.pdf', FileID: 'f-1' });
  });

  test('strips every ../ from the file name', () => {
    expect(fileEntry({ name: '../../etc/../passwd', fileId: 'f-1' }).File).toBe('etc/passwd');
  });
});
