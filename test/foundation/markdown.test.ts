// Golden tests for tableToMarkdown (xsoar-conventions §2.5). The first five are the doc's verified outputs
// verbatim; the others were checked against XSOAR's Python helper (CommonServerPython.tableToMarkdown).
import { pascalToSpace, tableToMarkdown } from '../../src/xsoar/markdown';

const alertRow = {
  ID: 'a1',
  Name: 'Exfil to USB',
  Tags: ['usb', 'high'],
  Details: { count: 3, ok: true },
  Score: 0,
  Note: null,
  Pipe: 'a|b',
  Multi: 'l1\nl2',
  Flag: false,
  Empty: '',
};

describe('tableToMarkdown: the verified outputs of xsoar-conventions §2.5', () => {
  test('a row with every kind of cell renders sorted headers, escaped pipes, <br> newlines and empty nulls', () => {
    expect(tableToMarkdown('Code42 Alerts', [alertRow])).toBe(
      '### Code42 Alerts\n' +
        '|Details|Empty|Flag|ID|Multi|Name|Note|Pipe|Score|Tags|\n' +
        '|---|---|---|---|---|---|---|---|---|---|\n' +
        '| count: 3<br>ok: true |  | false | a1 | l1<br>l2 | Exfil to USB |  | a\\|b | 0 | usb,<br>high |\n',
    );
  });

  test('given headers keep their order, and removeNull drops a column missing from every row', () => {
    expect(tableToMarkdown('Code42 Alerts', [alertRow], { headers: ['Name', 'ID', 'Missing'], removeNull: true })).toBe(
      '### Code42 Alerts\n|Name|ID|\n|---|---|\n| Exfil to USB | a1 |\n',
    );
  });

  test('an empty table says there are no entries', () => {
    expect(tableToMarkdown('T', [])).toBe('### T\n**No entries.**\n');
  });

  test('a list of scalars takes a string header as its one column', () => {
    expect(tableToMarkdown('T', ['x', 'y'], { headers: 'Value' })).toBe('### T\n|Value|\n|---|\n| x |\n| y |\n');
  });

  test('a dict with one list-valued key becomes a one-column table without a title line', () => {
    expect(tableToMarkdown('', { Users: ['u1', 'u2'] })).toBe('|Users|\n|---|\n| u1 |\n| u2 |\n');
  });
});

describe('tableToMarkdown: further cases, as XSOAR renders them', () => {
  test('a nested list of dicts is shown as Python reprs joined by ",<br>"', () => {
    const rows = [{ ID: 'o1', Observations: [{ type: 'FedEndpointExfiltration', count: 2 }, { type: "it's", ok: true, none: null }] }];
    expect(tableToMarkdown('Obs', rows)).toBe(
      "### Obs\n|ID|Observations|\n|---|---|\n| o1 | {'type': 'FedEndpointExfiltration', 'count': 2},<br>{'type': \"it's\", 'ok': True, 'none': None} |\n",
    );
  });

  test('a dict cell is one key: value line per entry, nested objects as JSON and lists item by item', () => {
    const table = { A: 1, Risk: { score: 9, indicators: { name: 'x', weight: [1, 2] }, tags: ['a', 'b'], none: null, flag: false } };
    expect(tableToMarkdown('Nested', table)).toBe(
      '### Nested\n|A|Risk|\n|---|---|\n| 1 | score: 9<br>indicators: {"name": "x", "weight": [1, 2]}<br>tags: a,<br>b<br>none: null<br>flag: false |\n',
    );
  });

  test('list cells print non-text items the way Python str() does', () => {
    const rows = [{ Bools: [true, false], Nums: [1, 2.5], Mixed: ['s', null, { k: 'v' }, ['a', 'b']] }];
    expect(tableToMarkdown('Lists', rows)).toBe(
      "### Lists\n|Bools|Mixed|Nums|\n|---|---|---|\n| True,<br>False | s,<br>None,<br>{'k': 'v'},<br>['a', 'b'] | 1,<br>2.5 |\n",
    );
  });

  test('given headers set the column order for every row', () => {
    const rows = [
      { b: 1, a: 2, c: 3 },
      { a: 4, b: 5, c: 6, d: 7 },
    ];
    expect(tableToMarkdown('Order', rows, { headers: ['c', 'a', 'b'] })).toBe('### Order\n|c|a|b|\n|---|---|---|\n| 3 | 2 | 1 |\n| 6 | 4 | 5 |\n');
  });

  test('a key missing from a later row leaves its cell empty', () => {
    expect(tableToMarkdown('Missing', [{ a: 1, b: 'x' }, { a: 2 }])).toBe('### Missing\n|a|b|\n|---|---|\n| 1 | x |\n| 2 |  |\n');
  });

  test('without headers only the first row decides the columns', () => {
    expect(tableToMarkdown('Extra', [{ a: 1 }, { a: 2, z: 'ignored' }])).toBe('### Extra\n|a|\n|---|\n| 1 |\n| 2 |\n');
  });

  test('pipes and backticks are escaped and every kind of line break becomes <br>', () => {
    expect(tableToMarkdown('Esc', [{ Cmd: 'run `ls | wc`', Win: 'a\r\nb\rc' }])).toBe(
      '### Esc\n|Cmd|Win|\n|---|---|\n| run \\`ls \\| wc\\` | a<br>b<br>c |\n',
    );
  });

  test('headers are escaped the same way, the title is not', () => {
    expect(tableToMarkdown('Pipes|Head', [{ 'a|b': '1', 'c`d': '2' }])).toBe('### Pipes|Head\n|a\\|b|c\\`d|\n|---|---|\n| 1 | 2 |\n');
  });

  test('removeNull keeps columns holding 0 or false and drops those empty in every row', () => {
    const row = { Zero: 0, False: false, Null: null, Empty: '', List: [], Obj: {} };
    expect(tableToMarkdown('RN', [{ ...row, Val: 'v' }, { ...row, Val: '' }], { removeNull: true })).toBe(
      '### RN\n|False|Val|Zero|\n|---|---|---|\n| false | v | 0 |\n| false |  | 0 |\n',
    );
  });

  test('removeNull that leaves no column says there are no entries', () => {
    expect(tableToMarkdown('AllNull', [{ a: null }], { removeNull: true })).toBe('### AllNull\n**No entries.**\n');
  });

  test('a string header selects that single column of a list of dicts', () => {
    expect(tableToMarkdown('Str', [{ Username: 'alice', ID: '1' }], { headers: 'Username' })).toBe('### Str\n|Username|\n|---|\n| alice |\n');
  });

  test('a one-key dict with a scalar value is a one-cell table', () => {
    expect(tableToMarkdown('One', { ID: 'a1' })).toBe('### One\n|ID|\n|---|\n| a1 |\n');
  });

  test('a one-key dict holding a dict shows an empty cell, as XSOAR does', () => {
    expect(tableToMarkdown('OneDict', { User: { name: 'x' } })).toBe('### OneDict\n|User|\n|---|\n|  |\n');
  });

  test('a single dict is a one-row table of its sorted keys', () => {
    expect(tableToMarkdown('Numbers', { Neg: -2, Float: 1.5, Big: 12345678901 })).toBe(
      '### Numbers\n|Big|Float|Neg|\n|---|---|---|\n| 12345678901 | 1.5 | -2 |\n',
    );
  });

  test('a list of scalars without headers is an error', () => {
    expect(() => tableToMarkdown('Scalars', ['x', 'y'])).toThrow('A table of plain values needs a header to name its column.');
  });

  test('a header transform changes the header text only', () => {
    expect(tableToMarkdown('T', [{ AlertID: 'A|1' }], { headerTransform: pascalToSpace })).toBe('### T\n|Alert ID|\n|---|\n| A\\|1 |\n');
  });
});

describe('tableToMarkdown: JavaScript values', () => {
  test('dates print as ISO strings and undefined as empty', () => {
    expect(tableToMarkdown('T', [{ At: new Date('2024-05-01T00:00:00Z'), Gone: undefined, Kept: 1 }], { headers: ['At', 'Gone', 'Kept'] })).toBe(
      '### T\n|At|Gone|Kept|\n|---|---|---|\n| 2024-05-01T00:00:00.000Z |  | 1 |\n',
    );
  });

  test('an object with a redacting toJSON prints its redacted view', () => {
    const credentials = { identifier: 'key-1', password: 'secret-value', toJSON: () => ({ identifier: 'key-1', password: '[REDACTED]' }) };
    expect(tableToMarkdown('T', [{ Credentials: credentials }])).toBe('### T\n|Credentials|\n|---|\n| identifier: key-1<br>password: [REDACTED] |\n');
  });
});
