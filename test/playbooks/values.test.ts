// Templates, complex values and condition branches, each on its own (operators and transformers: E2's
// operators.test.ts and transformers.test.ts).
import { readPath } from '../../src/playbooks/dt-path';
import type { ComplexValue } from '../../src/playbooks/types';
import { chooseBranch, resolveComplex, resolveTemplate, type Scope } from '../../src/playbooks/values';

const scopeOf = (root: Record<string, unknown>): Scope => ({ read: (path) => readPath(root, path) });

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
