// `playbook graph`: one Mermaid node per task, shaped by what the task does, one arrow per branch.
import { mermaid } from '../../src/playbooks/mermaid';
import { command, playbook, simple, start, title } from './support';

test('tasks become nodes shaped by their kind, and branches become labelled arrows', () => {
  const text = mermaid(
    playbook({
      '0': start('1'),
      '1': { ...command('test-item', { id: simple('a') }), name: 'Get "it" <now>', next: { '#none#': ['2'], '#error#': ['6'] }, continueonerror: true, errorPath: true },
      '2': { conditions: [{ label: 'yes', condition: [[{ operator: 'isExists', left: { value: simple('X'), iscontext: true } }]] }], name: 'Is it?', next: { yes: ['3'], '#default#': ['4'] } },
      '3': { type: 'condition', name: 'Approve', next: { Approve: ['5'], Reject: ['5'] } },
      '4': { playbookName: 'Child', name: 'Each child', loop: { forEach: true }, next: { '#none#': ['5'] } },
      '5': { type: 'collection', name: 'Ask', next: { '#none#': ['7'] } },
      '6': { name: 'Fix it by hand', next: { '#none#': ['7'] } },
      '7': title('Done'),
    }),
  );
  expect(text.split('\n')).toEqual([
    'flowchart TD',
    '  t0(("Start"))',
    '  t1["Get #quot;it#quot; #lt;now#gt;<br/><i>test-item</i>"]',
    '  t2{"Is it?"}',
    '  t3{{"Approve (manual)"}}',
    '  t4[["Each child (for each)"]]',
    '  t5[/"Ask (ask)"/]',
    '  t6[/"Fix it by hand (manual)"/]',
    '  t7(["Done"])',
    '  t0 --> t1',
    '  t1 --> t2',
    '  t1 -.->|"error"| t6',
    '  t2 -->|"yes"| t3',
    '  t2 -->|"else"| t4',
    '  t3 -->|"Approve"| t5',
    '  t3 -->|"Reject"| t5',
    '  t4 --> t5',
    '  t5 --> t7',
    '  t6 --> t7',
    '',
  ]);
});

test('with findPlaybook a sub-playbook is drawn inside its task as a subgraph, its node ids prefixed', () => {
  const child = playbook({ '0': start('1'), '1': { ...command('test-item', { id: simple('a') }), name: 'Child step' } }, { name: 'Child' });
  const parent = playbook({ '0': start('1'), '1': { playbookName: 'Child', name: 'Run the child', loop: { forEach: true }, next: { '#none#': ['2'] } }, '2': title('Done') });
  expect(mermaid(parent, { findPlaybook: (name) => (name === 'Child' ? child : undefined) }).split('\n')).toEqual([
    'flowchart TD',
    '  t0(("Start"))',
    '  subgraph t1["Run the child (for each)"]',
    '    direction TB',
    '    t1_0(("Start"))',
    '    t1_1["Child step<br/><i>test-item</i>"]',
    '    t1_0 --> t1_1',
    '  end',
    '  t2(["Done"])',
    '  t0 --> t1',
    '  t1 --> t2',
    '',
  ]);
});
