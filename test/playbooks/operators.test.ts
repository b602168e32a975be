// Condition and filter operators with XSOAR's semantics: a list on the left passes when some item passes
// (negative operators included), missing values are cast, `ignorecase` and the namespaced spellings.
import fc from 'fast-check';
import { readPath } from '../../src/playbooks/dt-path';
import { applyOperator, groupsHold, isSupportedOperator, SUPPORTED_OPERATORS } from '../../src/playbooks/operators';
import { type Comparison, type ConditionBranch, DEFAULT, type Operand, PlaybookError } from '../../src/playbooks/types';
import { chooseBranch, resolveComplex, type Scope } from '../../src/playbooks/values';

type Case = [operator: string, left: unknown, right: unknown, ignoreCase: boolean, expected: boolean];

const cases = (rows: Case[]) =>
  test.each(rows.map(([operator, left, right, ignoreCase, expected]) => ({ title: `${operator}(${JSON.stringify(left)}, ${JSON.stringify(right)}${ignoreCase ? ', ignorecase' : ''}) is ${expected}`, operator, left, right, ignoreCase, expected })))(
    '$title',
    ({ operator, left, right, ignoreCase, expected }) => expect(applyOperator(operator, left, right, ignoreCase)).toBe(expected),
  );

describe('general operators', () => {
  cases([
    // "Is defined considers false and empty strings and lists to be defined values."
    ['isExists', '', undefined, false, true],
    ['isExists', false, undefined, false, true],
    ['isExists', [], undefined, false, true],
    ['isExists', undefined, undefined, false, false],
    ['isExists', null, undefined, false, false],
    ['isNotExists', undefined, undefined, false, true],
    ['isNotExists', 0, undefined, false, false],
    ['isEmpty', '', undefined, false, true],
    ['isEmpty', [], undefined, false, true],
    ['isEmpty', {}, undefined, false, true],
    ['isEmpty', undefined, undefined, false, true],
    ['isEmpty', '0', undefined, false, false],
    ['isEmpty', [''], undefined, false, false],
    ['isNotEmpty', 'x', undefined, false, true],
    ['isNotEmpty', [], undefined, false, false],
    // Contains (general): a list contains its items, text its substrings, an object its keys.
    ['containsGeneral', ['team_response_wait', 'other'], 'team_response_wait', false, true],
    ['containsGeneral', ['a', 'b'], 'c', false, false],
    ['containsGeneral', ['ab'], 'a', false, false],
    ['containsGeneral', 'EDR incident', 'EDR', false, true],
    ['containsGeneral', 'a', 'a', false, true],
    ['containsGeneral', ['A'], 'a', true, true],
    ['containsGeneral', { brand: 'Code42' }, 'brand', false, true],
    ['containsGeneral', [{ id: 1 }], { id: 1 }, false, true],
    ['containsGeneral', undefined, 'a', false, false],
    ['notContainsGeneral', ['a', 'b'], 'c', false, true],
    ['notContainsGeneral', ['a', 'b'], 'a', false, false],
    // In: the left value is contained in the right one.
    ['in', 'b', ['a', 'b'], false, true],
    ['in', 'x', ['a', 'b'], false, false],
    ['in', ['x', 'b'], ['a', 'b'], false, true],
    ['in', 'B', ['a', 'b'], true, true],
    ['in', 'cd', 'abcde', false, true],
    ['in', undefined, ['a'], false, false],
    ['notIn', 'x', ['a', 'b'], false, true],
    ['notIn', 'a', ['a', 'b'], false, false],
    ['hasLength', ['a', 'b'], '2', false, true],
    ['hasLength', 'a', 1, false, true],
    ['hasLength', undefined, 0, false, true],
  ]);
});

describe('string operators', () => {
  cases([
    ['isEqualString', 'OPEN', 'OPEN', false, true],
    ['isEqualString', 'open', 'OPEN', false, false],
    ['isEqualString', 'open', 'OPEN', true, true],
    ['isEqualString', ['RESOLVED', 'OPEN'], 'OPEN', false, true],
    ['isEqualString', [], 'OPEN', false, false],
    ['isEqualString', 3, '3', false, true],
    ['isEqualString', undefined, '', false, true],
    ['isEqualString', 'a', ['b', 'a'], false, true],
    // Negative operators are asked of each item too: ['RESOLVED', 'OPEN'] has an item that is not OPEN.
    ['isNotEqualString', ['RESOLVED', 'OPEN'], 'OPEN', false, true],
    ['isNotEqualString', ['OPEN', 'OPEN'], 'OPEN', false, false],
    ['isNotEqualString', 'open', 'OPEN', true, false],
    ['isNotEqualString', undefined, 'OPEN', false, true],
    ['isNotEqualString', [], 'OPEN', false, false],
    ['containsString', 'bob@example.com', 'EXAMPLE', true, true],
    ['containsString', 'bob@example.com', 'EXAMPLE', false, false],
    ['containsString', ['x', 'bob@example.com'], 'example', false, true],
    ['notContainsString', 'bob@example.com', 'gmail', false, true],
    ['notContainsString', ['gmail.com', 'example.com'], 'gmail', false, true],
    ['startWith', 'Code42 - x', 'Code42', false, true],
    ['startWith', 'code42 - x', 'CODE42', true, true],
    ['notStartWith', 'Code42 - x', 'Code42', false, false],
    ['endWith', 'Code42 - x', '- x', false, true],
    ['endWith', 'Code42 - x', '- y', false, false],
    ['notEndWith', 'Code42 - x', '- y', false, true],
    ['inList', 'LOW', 'HIGH, LOW', false, true],
    ['inList', 'low', 'HIGH,LOW', false, false],
    ['inList', 'low', ['HIGH', 'LOW'], true, true],
    ['inList', ['MODERATE', 'LOW'], 'HIGH,LOW', false, true],
    ['notInList', 'MODERATE', 'HIGH,LOW', false, true],
    ['notInList', 'LOW', 'HIGH,LOW', false, false],
    ['match', 'FLIGHT_RISK', '^flight_', true, true],
    ['match', 'FLIGHT_RISK', '^flight_', false, false],
    ['match', 'FLIGHT_RISK', '(?i)^flight_', false, true],
    ['match', ['x', 'user42'], '\\d+$', false, true],
    ['stringHasLength', 'abc', '3', false, true],
  ]);

  test('an object is no text: the comparison fails in one sentence, as XSOAR\'s "a" Equals {"some": "object"} => Error', () =>
    expect(() => applyOperator('isEqualString', 'a', { some: 'object' }, false)).toThrow(new PlaybookError('The isEqualString operator compares text, not {"some":"object"}.')));

  test('a bad regular expression is one sentence naming it', () =>
    expect(() => applyOperator('match', 'x', '(', false)).toThrow(/^The regular expression "\(" of the match operator is not valid: .+\.$/));
});

describe('number operators', () => {
  cases([
    ['isEqualNumber', '3', 3, false, true],
    ['isEqualNumber', ' 3.0 ', '3', false, true],
    ['isEqualNumber', 'x', 'x', false, false],
    ['isEqualNumber', undefined, 0, false, false],
    ['isNotEqualNumber', '3', 4, false, true],
    ['greaterThan', 5, '3', false, true],
    ['greaterThan', '10', '9', false, true],
    ['greaterThan', ['1', '20'], 10, false, true],
    ['greaterThan', '', 0, false, false],
    ['greaterThanOrEqual', 3, '3', false, true],
    ['lessThan', '2', 10, false, true],
    ['lessThan', null, 10, false, false],
    ['lessThanOrEqual', '', 0, false, false],
    ['lessThanOrEqual', '-1', '0', false, true],
  ]);
});

describe('date operators', () => {
  cases([
    ['isAfter', '2030-01-02', '2030-01-01T23:00:00Z', false, true],
    ['isAfter', '2030-01-01T00:00:00+02:00', '2029-12-31T23:00:00Z', false, false],
    ['isAfter', 'Tue, 02 Jan 2019 15:04:05 MST', '2019-01-02T22:00:00Z', false, true],
    ['isAfter', 'Jan  2 15:04:05 2019', 'Jan 2 15:04:04 2019', false, true],
    ['isAfter', 1700000001, '1700000000', false, true],
    ['isAfter', 1700000000000, '2023-11-14T22:13:19Z', false, true],
    ['isBefore', '01/02/2019', '2019-01-03', false, true],
    ['isBefore', '2030-01-02', 'not a date', false, false],
    ['isBefore', undefined, '2030-01-01', false, false],
    ['isBefore', ['2040-01-01', '2020-01-01'], '2030-01-01', false, true],
  ]);
});

describe('boolean operators', () => {
  cases([
    ['isTrue', true, undefined, false, true],
    ['isTrue', 'True', undefined, false, true],
    ['isTrue', 'false', undefined, false, false],
    ['isTrue', 1, undefined, false, false],
    ['isTrue', undefined, undefined, false, false],
    ['isTrue', [false, 'true'], undefined, false, true],
    ['isFalse', false, undefined, false, true],
    ['isFalse', 'FALSE', undefined, false, true],
    ['isFalse', undefined, undefined, false, false],
  ]);
});

describe('spellings', () => {
  cases([
    ['general.isExists', 'x', undefined, false, true],
    ['general.isExists', undefined, undefined, false, false],
    ['string.isEqual', 'a', 'a', false, true],
    ['string.isNotEqual', 'a', 'a', false, false],
    ['string.containsString', 'abc', 'B', true, true],
    ['number.isEqual', '1', 1, false, true],
    ['number.greaterThan', 2, 1, false, true],
    ['date.isBefore', '2020-01-01', '2021-01-01', false, true],
    ['general.contains', ['a'], 'a', false, true],
  ]);

  test('an unsupported operator is one sentence naming it', () =>
    expect(() => applyOperator('isSameDay', 'a', 'b', false)).toThrow(new PlaybookError('The condition operator "isSameDay" is not supported.')));

  test('the supported list holds the common set, each also under a namespace', () => {
    const common = ['isEqualString', 'isNotEqualString', 'containsString', 'notContainsString', 'containsGeneral', 'notContainsGeneral', 'in', 'notIn', 'inList', 'isEqualNumber', 'greaterThan', 'lessThan', 'greaterThanOrEqual', 'lessThanOrEqual', 'isExists', 'isNotExists', 'isEmpty', 'isNotEmpty', 'startWith', 'endWith', 'match', 'isTrue', 'isFalse', 'isAfter', 'isBefore'];
    expect(common.filter((name) => !isSupportedOperator(name))).toEqual([]);
    expect(common.filter((name) => !SUPPORTED_OPERATORS.includes(name))).toEqual([]);
    expect(isSupportedOperator('general.isExists')).toBe(true);
    expect(isSupportedOperator('general.isSameDay')).toBe(false);
  });
});

describe('condition groups', () => {
  const literal = (value: unknown) => ({ value: { simple: String(value) } });
  const comparison = (operator: string, left: unknown, right?: unknown, ignorecase = false): Comparison => ({ operator, left: literal(left), ...(right === undefined ? {} : { right: literal(right) }), ignorecase });
  const read = (operand: { value?: { simple?: unknown } | null } | null | undefined) => operand?.value?.simple;

  test('the outer list is an AND of groups and each group an OR of comparisons', () => {
    expect(groupsHold([[comparison('isEqualString', 'a', 'b'), comparison('isEqualString', 'a', 'a')], [comparison('isNotEmpty', 'x')]], read)).toBe(true);
    expect(groupsHold([[comparison('isEqualString', 'a', 'a')], [comparison('isEqualString', 'a', 'b')]], read)).toBe(false);
  });

  test('ignorecase on a comparison is passed to its operator', () => {
    expect(groupsHold([[comparison('isEqualString', 'OPEN', 'open', true)]], read)).toBe(true);
    expect(groupsHold([[comparison('isEqualString', 'OPEN', 'open')]], read)).toBe(false);
  });

  test('no groups hold vacuously', () => expect(groupsHold([], read)).toBe(true));
});

describe('laws', () => {
  const ITEM_WISE_PAIRS: [string, string][] = [
    ['isEqualString', 'isNotEqualString'],
    ['containsString', 'notContainsString'],
    ['startWith', 'notStartWith'],
    ['endWith', 'notEndWith'],
    ['inList', 'notInList'],
  ];
  const word = fc.string({ maxLength: 4 });

  test('on a single value, each negative operator is the negation of its positive twin', () =>
    fc.assert(
      fc.property(fc.constantFrom(...ITEM_WISE_PAIRS), word, word, fc.boolean(), ([positive, negative], left, right, ignoreCase) => {
        expect(applyOperator(negative, left, right, ignoreCase)).toBe(!applyOperator(positive, left, right, ignoreCase));
      }),
    ));

  test('a list on the left passes exactly when one of its items passes', () =>
    fc.assert(
      fc.property(fc.constantFrom(...ITEM_WISE_PAIRS.flat(), 'greaterThan', 'lessThanOrEqual'), fc.array(word, { minLength: 1, maxLength: 5 }), word, (operator, items, right) => {
        expect(applyOperator(operator, items, right, false)).toBe(items.some((item) => applyOperator(operator, item, right, false)));
      }),
    ));

  test('ignorecase makes the string operators blind to case', () =>
    fc.assert(
      fc.property(fc.constantFrom('isEqualString', 'containsString', 'startWith', 'endWith', 'inList'), word, word, (operator, left, right) => {
        expect(applyOperator(operator, left.toUpperCase(), right.toLowerCase(), true)).toBe(applyOperator(operator, left.toLowerCase(), right.toLowerCase(), false));
      }),
    ));

  test('in is containsGeneral with its sides swapped, and notIn / notContainsGeneral their negations', () =>
    fc.assert(
      fc.property(word, fc.oneof(word, fc.array(word, { maxLength: 4 })), fc.boolean(), (item, container, ignoreCase) => {
        const contained = applyOperator('containsGeneral', container, item, ignoreCase);
        expect(applyOperator('in', item, container, ignoreCase)).toBe(contained);
        expect(applyOperator('notIn', item, container, ignoreCase)).toBe(!contained);
        expect(applyOperator('notContainsGeneral', container, item, ignoreCase)).toBe(!contained);
      }),
    ));

  test('numeric text compares as its number', () =>
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(applyOperator('greaterThan', String(a), String(b), false)).toBe(a > b);
        expect(applyOperator('isEqualNumber', ` ${a} `, b, false)).toBe(a === b);
      }),
    ));

  test('isAfter and isBefore agree with the moments, in any offset', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: -12, max: 14 }), (a, b, hours) => {
        const shifted = new Date(a * 1000 + hours * 3_600_000).toISOString().slice(0, 19);
        const written = `${shifted}${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
        const other = new Date(b * 1000).toISOString();
        expect(applyOperator('isAfter', written, other, false)).toBe(a > b);
        expect(applyOperator('isBefore', written, other, false)).toBe(a < b);
      }),
    ));
});

describe('filters and conditions as published playbooks write them', () => {
  const scopeOf = (root: Record<string, unknown>): Scope => ({ read: (path) => readPath(root, path) });
  const field = (path: string): Operand => ({ value: { simple: path }, iscontext: true });
  const literal = (text: string): Operand => ({ value: { simple: text } });
  const context = scopeOf({
    modules: [
      { brand: 'jira-v2', state: 'active' },
      { brand: 'CrowdstrikeFalcon', state: 'disabled' },
      { brand: 'Code42', state: 'active' },
    ],
    Code42: { Alert: [{ ID: 'a1', State: 'OPEN', Severity: 'HIGH', CreatedAt: '2024-05-01T10:00:00Z' }, { ID: 'a2', State: 'resolved', Severity: 'LOW', CreatedAt: '2024-06-01T10:00:00Z' }] },
  });

  // Code42 Exfiltration Playbook, task "Is Jira Enabled?": modules filtered by brand AND state, accessor brand, isExists.
  const moduleActive = (brand: string): ConditionBranch => ({
    label: 'yes',
    condition: [
      [
        {
          operator: 'isExists',
          left: {
            value: {
              complex: {
                root: 'modules',
                filters: [[{ operator: 'isEqualString', left: field('modules.brand'), right: literal(brand) }], [{ operator: 'isEqualString', left: field('modules.state'), right: literal('active') }]],
                accessor: 'brand',
              },
            },
            iscontext: true,
          },
        },
      ],
    ],
  });

  test('an active module passes the filter, a disabled or missing one does not', () => {
    expect(chooseBranch([moduleActive('jira-v2')], context)).toBe('yes');
    expect(chooseBranch([moduleActive('CrowdstrikeFalcon')], context)).toBe(DEFAULT);
    expect(chooseBranch([moduleActive('ServiceNow')], context)).toBe(DEFAULT);
  });

  test('a filter with ignorecase, a date filter and transformers after it', () => {
    const ids = resolveComplex(
      {
        root: 'Code42.Alert',
        filters: [
          [{ operator: 'isNotEqualString', left: field('Code42.Alert.State'), right: literal('RESOLVED'), ignorecase: true }],
          [{ operator: 'isAfter', left: field('Code42.Alert.CreatedAt'), right: literal('Apr 30 2024') }],
        ],
        accessor: 'ID',
        transformers: [{ operator: 'toUpperCase' }, { operator: 'concat', args: { prefix: literal('alert-') } }],
      },
      context,
    );
    expect(ids).toBe('alert-A1');
  });

  test('an unsupported operator inside a filter stops with its sentence', () =>
    expect(() => resolveComplex({ root: 'Code42.Alert', filters: [[{ operator: 'isSameDay', left: field('Code42.Alert.ID'), right: literal('a1') }]] }, context)).toThrow(
      new PlaybookError('The condition operator "isSameDay" is not supported.'),
    ));
});
