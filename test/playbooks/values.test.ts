// Condition operators, transformers, templates and complex values, each on its own.
import { readPath } from '../../src/playbooks/dt-path';
import { applyOperator } from '../../src/playbooks/operators';
import { transform } from '../../src/playbooks/transformers';
import { type ComplexValue, PlaybookError } from '../../src/playbooks/types';
import { chooseBranch, resolveComplex, resolveTemplate, type Scope } from '../../src/playbooks/values';

const scopeOf = (root: Record<string, unknown>): Scope => ({ read: (path) => readPath(root, path) });

describe('condition operators', () => {
  test.each([
    ['isEqualString', 'OPEN', 'OPEN', false, true],
    ['isEqualString', 'open', 'OPEN', false, false],
    ['isEqualString', 'open', 'OPEN', true, true],
    ['isEqualString', ['RESOLVED', 'OPEN'], 'OPEN', false, true],
    ['isNotEqualString', ['RESOLVED', 'OPEN'], 'OPEN', false, false],
    ['string.isEqual', 'a', 'a', false, true],
    ['isExists', '', undefined, false, true],
    ['general.isExists', undefined, undefined, false, false],
    ['isNotExists', null, undefined, false, true],
    ['isEmpty', [], undefined, false, true],
    ['isEmpty', {}, undefined, false, true],
    ['isEmpty', '0', undefined, false, false],
    ['isNotEmpty', 'x', undefined, false, true],
    ['containsString', 'bob@example.com', 'EXAMPLE', true, true],
    ['notContainsString', 'bob@example.com', 'gmail', false, true],
    ['startWith', 'Code42 - x', 'Code42', false, true],
    ['endWith', 'Code42 - x', '- y', false, false],
    ['match', 'FLIGHT_RISK', '^flight_', true, true],
    ['match', 'FLIGHT_RISK', '^flight_', false, false],
    ['inList', 'LOW', 'HIGH, LOW', false, true],
    ['inList', 'low', ['HIGH', 'LOW'], true, true],
    ['notInList', 'MODERATE', 'HIGH,LOW', false, true],
    ['isEqualNumber', '3', 3, false, true],
    ['number.isEqual', 'x', 'x', false, false],
    ['greaterThan', 5, '3', false, true],
    ['greaterThanOrEqual', 3, '3', false, true],
    ['lessThan', '2', 10, false, true],
    ['lessThanOrEqual', '', 0, false, false],
    ['isTrue', 'True', undefined, false, true],
    ['isTrue', 'false', undefined, false, false],
    ['isFalse', false, undefined, false, true],
    ['isAfter', '2030-01-02', '2030-01-01T23:00:00Z', false, true],
    ['isBefore', '2030-01-02', 'not a date', false, false],
  ])('%s(%j, %j, ignorecase %s) is %s', (operator, left, right, ignoreCase, expected) => {
    expect(applyOperator(operator, left, right, ignoreCase)).toBe(expected);
  });

  test('a bad regular expression is one sentence', () => {
    expect(() => applyOperator('match', 'x', '(', false)).toThrow(new PlaybookError('"(" is not a valid regular expression.'));
  });
});

describe('transformers', () => {
  test.each([
    ['uniq', ['a', 'b', 'a'], {}, ['a', 'b']],
    ['uniq', ['a', 'a'], {}, 'a'],
    ['join', ['a', 'b'], { separator: '; ' }, 'a; b'],
    ['join', ['a', 'b'], {}, 'a,b'],
    ['atIndex', ['a', 'b', 'c'], { index: '1' }, 'b'],
    ['atIndex', ['a', 'b', 'c'], { index: -1 }, 'c'],
    ['toUpperCase', ['flight_risk', 'x'], {}, ['FLIGHT_RISK', 'X']],
    ['toLowerCase', 'ABC', {}, 'abc'],
    ['trim', ' a ', {}, 'a'],
    ['concat', 'id', { prefix: '<', suffix: '>' }, '<id>'],
    ['replace', 'a-b-c', { toReplace: '-', replaceWith: '_' }, 'a_b_c'],
    ['replace', 'abc', { toReplace: '' }, 'abc'],
    ['split', 'a,b', {}, ['a', 'b']],
    ['split', ['a|b', 'c'], { delimiter: '|' }, ['a', 'b', 'c']],
    ['count', ['a', 'b'], {}, 2],
    ['count', undefined, {}, 0],
    ['count', 'a', {}, 1],
    ['FirstArrayElement', ['a', 'b'], {}, 'a'],
    ['LastArrayElement', ['a', 'b'], {}, 'b'],
  ])('%s(%j, %j) is %j', (operator, value, args, expected) => {
    expect(transform(operator, value, args)).toEqual(expected);
  });

  test('atIndex without a whole-number index is one sentence', () => {
    expect(() => transform('atIndex', ['a'], { index: 'first' })).toThrow(new PlaybookError('The atIndex transformer needs a whole-number index, not "first".'));
  });
});

describe('templates', () => {
  const scope = scopeOf({ inputs: { Name: 'bob', Tags: ['A', 'B'] }, Code42: { Alert: { ID: 'a1', State: 'OPEN' } } });

  test.each([
    ['${inputs.Name}', 'bob'],
    ['${inputs.Tags}', ['A', 'B']],
    ['user ${inputs.Name} has ${inputs.Tags}', 'user bob has A,B'],
    ["${Code42.Alert(val.State == 'OPEN').ID}", 'a1'],
    ["state: ${Code42.Alert(val.ID == 'a1' && val.State != '}').State}", 'state: OPEN'],
    ['missing: [${inputs.Nope}]', 'missing: []'],
    ['${inputs.Nope}', undefined],
    ['no template here', 'no template here'],
    ['unclosed ${inputs.Name', 'unclosed ${inputs.Name'],
  ])('%s resolves to %j', (text, expected) => {
    expect(resolveTemplate(text, scope)).toEqual(expected);
  });
});

describe('complex values and conditions', () => {
  const scope = scopeOf({
    inputs: { AlertID: 'a2' },
    Code42: {
      SecurityAlert: [
        { ID: 'a1', State: 'OPEN', Severity: 'HIGH' },
        { ID: 'a2', State: 'RESOLVED', Severity: 'LOW' },
      ],
    },
  });

  test('filters compare each item’s fields (Root.Field) with values read from the whole context', () => {
    const complex: ComplexValue = {
      root: 'Code42.SecurityAlert',
      accessor: 'State',
      filters: [[{ operator: 'isEqualString', left: { value: { simple: 'Code42.SecurityAlert.ID' }, iscontext: true }, right: { value: { simple: 'inputs.AlertID' }, iscontext: true } }]],
    };
    expect(resolveComplex(complex, scope)).toBe('RESOLVED');
  });

  test('filter groups are an AND of ORs', () => {
    const field = (name: string) => ({ value: { simple: name }, iscontext: true });
    const complex: ComplexValue = {
      root: 'Code42.SecurityAlert',
      accessor: 'ID',
      filters: [
        [
          { operator: 'isEqualString', left: field('State'), right: { value: { simple: 'OPEN' } } },
          { operator: 'isEqualString', left: field('Severity'), right: { value: { simple: 'LOW' } } },
        ],
        [{ operator: 'isEqualString', left: field('Severity'), right: { value: { simple: 'LOW' } } }],
      ],
    };
    expect(resolveComplex(complex, scope)).toBe('a2');
  });

  test('a root that reads nothing stays nothing through filters and accessor, and count makes it 0', () => {
    expect(resolveComplex({ root: 'Nothing', accessor: 'ID', transformers: [{ operator: 'count' }] }, scope)).toBe(0);
  });

  test('transformer arguments may be read from the context', () => {
    const complex: ComplexValue = {
      root: 'Code42.SecurityAlert.ID',
      transformers: [{ operator: 'concat', args: { prefix: { value: { simple: 'inputs.AlertID' }, iscontext: true }, suffix: { value: { simple: '!' } } } }],
    };
    expect(resolveComplex(complex, scope)).toEqual(['a2a1!', 'a2a2!']);
  });

  test('a condition task picks the first label that holds, in the order of its conditions', () => {
    const is = (path: string, value: string) => [[{ operator: 'isEqualString', left: { value: { simple: path }, iscontext: true }, right: { value: { simple: value } } }]];
    const conditions = [
      { label: 'resolved', condition: is('Code42.SecurityAlert.State', 'RESOLVED') },
      { label: 'open', condition: is('Code42.SecurityAlert.State', 'OPEN') },
    ];
    expect(chooseBranch(conditions, scope)).toBe('resolved');
    expect(chooseBranch(conditions.slice(1, 1), scope)).toBe('#default#');
  });
});
