// The DT language (reads, selectors, indexes) and XSOAR's context merge, without a playbook around them.
import fc from 'fast-check';
import { deleteContextValue, mergeEntryContext, setContextValue } from '../../src/playbooks/context';
import { holds } from '../../src/playbooks/dt-expression';
import { readPath } from '../../src/playbooks/dt-path';
import { PlaybookError } from '../../src/playbooks/types';

const context = {
  Code42: {
    SecurityAlert: [
      { ID: 'a1', State: 'OPEN', Severity: 'HIGH', Tags: ['x', 'y'] },
      { ID: 'a2', State: 'RESOLVED', Severity: 'LOW', Tags: ['z'] },
      { ID: 'a3', State: 'OPEN', Severity: 'LOW' },
    ],
    Profile: { Username: 'bob', EndDate: { year: 2030, month: 6, day: 30 } },
  },
  Count: 0,
};

describe('reading context paths', () => {
  test.each([
    ['Code42.Profile.Username', 'bob'],
    ['Code42.Profile.EndDate.year', 2030],
    ['Code42.SecurityAlert.ID', ['a1', 'a2', 'a3']],
    ['Code42.SecurityAlert.Tags', ['x', 'y', 'z']],
    ["Code42.SecurityAlert(val.State == 'OPEN').ID", ['a1', 'a3']],
    ["Code42.SecurityAlert(val.State == 'OPEN' && val.Severity == 'LOW').ID", 'a3'],
    ["Code42.SecurityAlert(val.State == 'RESOLVED' || val.Severity == 'HIGH').ID", ['a1', 'a2']],
    ["Code42.SecurityAlert(!(val.State == 'OPEN')).ID", 'a2'],
    ['Code42.SecurityAlert(val.Tags).ID', ['a1', 'a2']],
    ['Code42.SecurityAlert.[0].ID', 'a1'],
    ['Code42.SecurityAlert[1].ID', 'a2'],
    ['Code42.SecurityAlert.[-1].ID', 'a3'],
    ['Code42.SecurityAlert.[0:2].ID', ['a1', 'a2']],
    ['Code42.SecurityAlert.ID.[1]', 'a2'],
    ["Code42.SecurityAlert(val.ID == 'zz').ID", undefined],
    ['Code42.Nothing.Here', undefined],
    ['Count', 0],
  ])('%s reads %j', (path, expected) => {
    expect(readPath(context, path)).toEqual(expected);
  });

  test('a selector sees only own properties: nothing inherited is reachable', () => {
    expect(readPath(context, 'Code42.SecurityAlert(val.constructor).ID')).toBeUndefined();
    expect(readPath(context, 'Code42.__proto__')).toBeUndefined();
  });

  test.each([
    ["Code42.SecurityAlert(val.ID.toString() == 'a1')", 'Cannot read the DT expression "val.ID.toString() == \'a1\'": calling val.ID.toString() is not supported.'],
    ['Code42.SecurityAlert(process.exit(1))', 'Cannot read the DT expression "process.exit(1)": calling process.exit() is not supported.'],
    ["Code42.SecurityAlert(val.ID == 'a1'", 'Cannot read the context path "Code42.SecurityAlert(val.ID == \'a1\'": a parenthesis is not closed.'],
    ['Code42.SecurityAlert(process.pid > 0)', 'The DT expression "process.pid > 0" uses "process", but only val can be used there.'],
    ['Code42.SecurityAlert.[x]', 'Cannot read the context path "Code42.SecurityAlert.[x]": [x] is not an index or a slice.'],
  ])('%s is refused with one sentence', (path, message) => {
    expect(() => readPath(context, path)).toThrow(new PlaybookError(message));
  });

  test('any expression text either evaluates to a boolean or is refused as a PlaybookError', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'val.ID =!&|()\'"0123 ab<>-'.split('')), maxLength: 30 }), (expression) => {
        try {
          expect(typeof holds(expression, { val: { ID: 'a', ab: 1 } })).toBe('boolean');
        } catch (error) {
          expect(error).toBeInstanceOf(PlaybookError);
        }
      }),
    );
  });
});

describe('selector comparisons follow JavaScript == for context values', () => {
  test.each([
    ['val.N == 3', { N: '3' }, true],
    ['val.N === 3', { N: '3' }, false],
    ['val.N != 4', { N: 3 }, true],
    ['val.B == true', { B: 1 }, true],
    ['val.X == null', {}, true],
    ['val.N > 2 && val.N <= 3', { N: 3 }, true],
    ["val.S < 'b'", { S: 'a' }, true],
    ['val.ID && val.ID == obj.ID', {}, false],
  ])('%s with val %j is %s', (expression, val, expected) => {
    expect(holds(expression, { val, obj: { ID: undefined } })).toBe(expected);
  });
});

describe('merging EntryContext', () => {
  test('a keyed key updates the item with the same key and appends an item with a new key', () => {
    const ctx = {};
    mergeEntryContext(ctx, { 'Code42.SecurityAlert(val.ID && val.ID == obj.ID)': [{ ID: '1', State: 'OPEN' }, { ID: '2', State: 'OPEN' }] });
    mergeEntryContext(ctx, { 'Code42.SecurityAlert(val.ID && val.ID == obj.ID)': { ID: '1', State: 'RESOLVED', Note: 'n' } });
    mergeEntryContext(ctx, { 'Code42.SecurityAlert(val.ID && val.ID == obj.ID)': { ID: '3', State: 'OPEN' } });
    expect(ctx).toEqual({
      Code42: {
        SecurityAlert: [
          { ID: '1', State: 'RESOLVED', Note: 'n' },
          { ID: '2', State: 'OPEN' },
          { ID: '3', State: 'OPEN' },
        ],
      },
    });
  });

  test('an incoming item without the key field never matches an existing item without it', () => {
    const ctx = {};
    mergeEntryContext(ctx, { 'X(val.ID && val.ID == obj.ID)': { Name: 'a' } });
    mergeEntryContext(ctx, { 'X(val.ID && val.ID == obj.ID)': { Name: 'b' } });
    expect(ctx).toEqual({ X: [{ Name: 'a' }, { Name: 'b' }] });
  });

  test('a plain key accumulates: a single value becomes a list', () => {
    const ctx = {};
    mergeEntryContext(ctx, { 'Code42.Plain': { V: 1 } });
    expect(ctx).toEqual({ Code42: { Plain: { V: 1 } } });
    mergeEntryContext(ctx, { 'Code42.Plain': [{ V: 2 }, { V: 3 }] });
    expect(ctx).toEqual({ Code42: { Plain: [{ V: 1 }, { V: 2 }, { V: 3 }] } });
  });

  test('Parent(true) overwrites the leaf and keeps the parent’s other fields', () => {
    const ctx = {};
    mergeEntryContext(ctx, { 'Code42.Paging(true)': { NextToken: 't1', Other: 'kept' } });
    mergeEntryContext(ctx, { 'Code42.Paging(true)': { NextToken: 't2' } });
    expect(ctx).toEqual({ Code42: { Paging: { NextToken: 't2', Other: 'kept' } } });
  });

  test('merging the same keyed outputs again changes nothing', () => {
    const item = fc.record({ ID: fc.constantFrom('a', 'b', 'c'), V: fc.integer() });
    fc.assert(
      fc.property(fc.array(fc.array(item, { maxLength: 4 }), { maxLength: 5 }), (batches) => {
        const once = {};
        for (const batch of batches) mergeEntryContext(once, { 'K(val.ID && val.ID == obj.ID)': batch });
        const twice = structuredClone(once);
        for (const batch of batches) mergeEntryContext(twice, { 'K(val.ID && val.ID == obj.ID)': batch });
        expect(twice).toEqual(once);
      }),
    );
  });

  test('a value is copied into the context, not shared with the entry', () => {
    const outputs = { ID: '1', Tags: ['a'] };
    const ctx: Record<string, unknown> = {};
    mergeEntryContext(ctx, { 'K(val.ID && val.ID == obj.ID)': outputs });
    outputs.Tags.push('b');
    expect(ctx).toEqual({ K: { ID: '1', Tags: ['a'] } });
  });

  test('writing below a value that is not an object is refused', () => {
    expect(() => mergeEntryContext({ Code42: 'text' }, { 'Code42.X': 1 })).toThrow(
      new PlaybookError('Cannot write the context key "Code42.X": "Code42" already holds a value that is not an object.'),
    );
  });

  test('a key reaching for an object prototype is refused', () => {
    expect(() => mergeEntryContext({}, { '__proto__.polluted': 1 })).toThrow(PlaybookError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Set and DeleteContext', () => {
  test('Set overwrites, Set with append accumulates, DeleteContext removes a nested key', () => {
    const ctx: Record<string, unknown> = {};
    setContextValue(ctx, 'A.B', 'one', false);
    setContextValue(ctx, 'A.B', 'two', false);
    setContextValue(ctx, 'A.C', 'x', true);
    setContextValue(ctx, 'A.C', 'y', true);
    expect(ctx).toEqual({ A: { B: 'two', C: ['x', 'y'] } });
    deleteContextValue(ctx, 'A.C');
    deleteContextValue(ctx, 'Not.There');
    expect(ctx).toEqual({ A: { B: 'two' } });
  });
});

describe('DT transforms: `[]` takes each item, `=` builds a value (as extend-context paths write them)', () => {
  const raw = { Contents: { data: [{ id: '7', CustomFields: { code42alertid: 'a-7' } }, { id: '8', CustomFields: {} }] } };

  test('an object built from each item, a missing field left out as JSON leaves it', () => {
    expect(readPath(raw, '.Contents.data.[]={"xsoar_id":val.id, "incydr_id":val.CustomFields.code42alertid}')).toEqual([
      { xsoar_id: '7', incydr_id: 'a-7' },
      { xsoar_id: '8', incydr_id: undefined },
    ]);
  });

  test('without [] the expression sees the whole value; arrays, bare keys and trailing commas are read too', () => {
    expect(readPath(raw, 'Contents.data.=[val.length, {count: val.length, "n": 2,},]')).toEqual([2, { count: 2, n: 2 }]);
    expect(readPath(raw, 'Contents.data.[]=val.id == "8"')).toEqual([false, true]);
  });

  test('[] then a key reads the key of each item', () => {
    expect(readPath(raw, 'Contents.data.[].id')).toEqual(['7', '8']);
  });

  test.each([
    ['Contents.=({"a": 1)', 'Cannot read the DT expression "({"a": 1)": a "," or "}" is missing.'],
    ['Contents.={"a" 1}', 'Cannot read the DT expression "{"a" 1}": the key "a" needs a ":" and a value.'],
    ['Contents.={1: 2}', 'Cannot read the DT expression "{1: 2}": an object key must be a name or a quoted string.'],
    ['Contents.=[1 2]', 'Cannot read the DT expression "[1 2]": a "," or "]" is missing.'],
    ['Contents.={"a": 1', 'Cannot read the DT expression "{"a": 1": a "{" is not closed.'],
    ['Contents.=val.x()', 'Cannot read the DT expression "val.x()": calling val.x() is not supported.'],
  ])('a broken transform %s is one sentence, raised when the path is read', (path, sentence) => {
    expect(() => readPath(raw, path)).toThrow(new PlaybookError(sentence));
  });

  test('an object key cannot reach the prototype', () => {
    const built = readPath({ x: 1 }, '.={"__proto__": {"polluted": true}, "ok": val.x}') as Record<string, unknown>;
    expect(built).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
