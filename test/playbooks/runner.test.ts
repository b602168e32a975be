// The runner's semantics, one scenario each, on test commands (no Code42): branching, joins, errors,
// context merging, inputs and outputs, built-ins, sub-playbooks, loops and what it refuses to run.
import { PlaybookError } from '../../src/playbooks/types';
import { RunRefusedError } from '../../src/playbooks/runner';
import { calls, command, playbook, ran, run, simple, start, title } from './support';

const isYes = (path: string) => [[{ operator: 'isEqualString', left: { value: simple(path), iscontext: true }, right: { value: simple('yes') } }]];

describe('following nexttasks', () => {
  test('a linear playbook runs every task in order and completes', async () => {
    const report = await run(
      playbook({ '0': start('1'), '1': command('test-item', { id: simple('a') }, '2'), '2': command('test-item', { id: simple('b') }, '3'), '3': title('Done') }),
    );
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '3']);
    expect(calls.map((c) => c.args.id)).toEqual(['a', 'b']);
  });

  test('a condition takes the branch of the first label whose condition holds', async () => {
    const report = await run(
      playbook(
        {
          '0': start('1'),
          '1': {
            conditions: [
              { label: 'first', condition: isYes('inputs.A') },
              { label: 'second', condition: isYes('inputs.B') },
            ],
            next: { first: ['2'], second: ['3'], '#default#': ['4'] },
          },
          '2': command('test-item', { id: simple('first') }),
          '3': command('test-item', { id: simple('second') }),
          '4': command('test-item', { id: simple('default') }),
        },
        { inputs: [{ key: 'A' }, { key: 'B' }] },
      ),
      { inputs: { A: 'no', B: 'yes' } },
    );
    expect(ran(report)).toEqual(['0', '1', '3']);
    expect(report.tasks[1].branch).toBe('second');
  });

  test('when no condition holds the #default# branch is taken', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { conditions: [{ label: 'yes', condition: isYes('Nothing.Here') }], next: { yes: ['2'], '#default#': ['3'] } },
        '2': command('test-item', { id: simple('yes') }),
        '3': command('test-item', { id: simple('default') }),
      }),
    );
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '3']);
    expect(report.tasks[1].branch).toBe('#default#');
  });

  test('a condition label with no branch simply ends that path', async () => {
    const report = await run(
      playbook({ '0': start('1'), '1': { conditions: [{ label: 'yes', condition: isYes('X') }], next: { yes: ['2'] } }, '2': title('Done') }),
    );
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1']);
  });

  test('parallel branches run in the order nexttasks lists them', async () => {
    const report = await run(
      playbook({
        '0': start('2', '1'),
        '1': command('test-item', { id: simple('one') }),
        '2': command('test-item', { id: simple('two') }, '3'),
        '3': command('test-item', { id: simple('three') }),
      }),
    );
    expect(ran(report)).toEqual(['0', '2', '1', '3']);
  });
});

describe('joins', () => {
  test('a task with two parallel parents waits for both and runs once', async () => {
    const report = await run(
      playbook({
        '0': start('1', '2'),
        '1': command('test-item', { id: simple('a') }, '3'),
        '2': command('test-item', { id: simple('b') }, '4'),
        '4': command('test-item', { id: simple('b2') }, '3'),
        '3': command('test-plain', { value: simple('joined') }, '5'),
        '5': title('Done'),
      }),
    );
    expect(ran(report)).toEqual(['0', '1', '2', '4', '3', '5']);
    expect(calls.filter((c) => c.command === 'test-plain')).toHaveLength(1);
  });

  test('a join after exclusive condition branches runs once, after the branch that was taken', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { conditions: [{ label: 'yes', condition: isYes('Nothing') }], next: { yes: ['2'], '#default#': ['3'] } },
        '2': command('test-item', { id: simple('yes') }, '4'),
        '3': command('test-item', { id: simple('no') }, '5'),
        '5': command('test-item', { id: simple('no2') }, '4'),
        '4': title('Done'),
      }),
    );
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '3', '5', '4']);
  });

  test('a task whose every incoming branch was ruled out does not run, nor does what only it leads to', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { conditions: [{ label: 'yes', condition: isYes('Nothing') }], next: { yes: ['2'], '#default#': ['4'] } },
        '2': command('test-item', { id: simple('skipped') }, '3'),
        '3': command('test-item', { id: simple('also skipped') }, '4'),
        '4': title('Done'),
      }),
    );
    expect(ran(report)).toEqual(['0', '1', '4']);
    expect(calls).toHaveLength(0);
  });
});

describe('errors', () => {
  test('a failing command without continueonerror stops the playbook with a sentence naming the task', async () => {
    const report = await run(playbook({ '0': start('1'), '1': { ...command('test-fail', {}, '2'), name: 'Break it' }, '2': command('test-item', { id: simple('after') }) }));
    expect(report.status).toBe('failed');
    expect(report.error).toBe('Task 1 (Break it) failed: Failed to execute command test-fail command. Error: It broke.');
    expect(ran(report)).toEqual(['0', '1']);
    expect(report.tasks[1]).toMatchObject({ state: 'failed', error: 'Failed to execute command test-fail command. Error: It broke.' });
  });

  test('with continueonerror and errorPath the #error# branch is taken instead of #none#', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { script: '|||test-fail', continueonerror: true, errorPath: true, next: { '#none#': ['2'], '#error#': ['3'] } },
        '2': command('test-item', { id: simple('normal') }, '4'),
        '3': command('test-item', { id: simple('recovery') }, '4'),
        '4': title('Done'),
      }),
    );
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '3', '4']);
    expect(report.tasks[1].state).toBe('failed');
  });

  test('a command that succeeds does not take its #error# branch', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { script: '|||test-item', args: { id: simple('ok') }, continueonerror: true, errorPath: true, next: { '#none#': ['2'], '#error#': ['3'] } },
        '2': title('Normal'),
        '3': title('Recovery'),
      }),
    );
    expect(ran(report)).toEqual(['0', '1', '2']);
  });

  test('with continueonerror and no error path the playbook carries on along #none#', async () => {
    const report = await run(playbook({ '0': start('1'), '1': { ...command('test-fail', {}, '2'), continueonerror: true }, '2': command('test-item', { id: simple('after') }) }));
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2']);
  });

  test('an argument error is a failure of the task, not of the runner', async () => {
    const report = await run(playbook({ '0': start('1'), '1': command('test-item', { value: simple('no id') }) }));
    expect(report.status).toBe('failed');
    expect(report.error).toBe('Task 1 (Task 1) failed: Failed to execute command test-item command. Error: Missing required argument "id": expected a text value.');
  });
});

describe('context', () => {
  test('keyed outputs update the matching item and append new ones; unkeyed outputs accumulate', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': command('test-item', { id: simple('a'), value: simple('first') }, '2'),
        '2': command('test-item', { id: simple('b'), value: simple('other') }, '3'),
        '3': command('test-item', { id: simple('a'), value: simple('second') }, '4'),
        '4': command('test-plain', { value: simple('x') }, '5'),
        '5': command('test-plain', { value: simple('x') }),
      }),
    );
    expect(report.context).toEqual({
      Test: {
        Item: [
          { ID: 'a', Value: 'second' },
          { ID: 'b', Value: 'other' },
        ],
        Plain: [{ Value: 'x' }, { Value: 'x' }],
      },
    });
  });

  test('each command sees the context as it is when the command runs', async () => {
    await run(playbook({ '0': start('1'), '1': command('test-item', { id: simple('a') }, '2'), '2': command('test-args', { text: simple('t') }) }));
    expect(calls[0].context).toEqual({});
    expect(calls[1].context).toEqual({ Test: { Item: { ID: 'a' } } });
  });

  test('the run starts from a given context and never changes the caller’s object', async () => {
    const initial = { Test: { Item: { ID: 'a', Value: 'old' } } };
    const report = await run(playbook({ '0': start('1'), '1': command('test-item', { id: simple('a'), value: simple('new') }) }), { context: initial });
    expect(report.context).toEqual({ Test: { Item: { ID: 'a', Value: 'new' } } });
    expect(initial.Test.Item.Value).toBe('old');
  });
});

describe('arguments', () => {
  test('templates read context paths, inputs, the incident and selectors; unset and empty-reading arguments are omitted', async () => {
    await run(
      playbook(
        {
          '0': start('1'),
          '1': command('test-item', { id: simple('a'), value: simple('open') }, '2'),
          '2': command('test-item', { id: simple('b'), value: simple('closed') }, '3'),
          '3': command('test-args', {
            text: simple("${Test.Item(val.Value == 'closed').ID} for ${inputs.Who} on ${incident.code42username}"),
            list: simple('${Test.Item.ID}'),
            other: {},
          }),
        },
        { inputs: [{ key: 'Who', value: simple('${incident.name}') }] },
      ),
      { incident: { name: 'Case 7', CustomFields: { code42username: 'bob@example.com' } } },
    );
    expect(calls[2].args).toEqual({ text: 'b for Case 7 on bob@example.com', list: ['a', 'b'] });
  });

  test('a template that reads nothing leaves the argument out, so the command sees it as not given', async () => {
    await run(playbook({ '0': start('1'), '1': command('test-args', { text: simple('${Missing.Key}'), other: simple('kept') }) }));
    expect(calls[0].args).toEqual({ other: 'kept' });
  });

  test('complex values filter the root, read the accessor and run the transformers in order', async () => {
    await run(
      playbook({
        '0': start('1'),
        '1': command('test-item', { id: simple('a'), value: simple('keep') }, '2'),
        '2': command('test-item', { id: simple('b'), value: simple('drop') }, '3'),
        '3': command('test-item', { id: simple('c'), value: simple('keep') }, '4'),
        '4': command('test-args', {
          text: {
            complex: {
              root: 'Test.Item',
              filters: [[{ operator: 'isEqualString', left: { value: simple('Test.Item.Value'), iscontext: true }, right: { value: simple('KEEP') }, ignorecase: true }]],
              accessor: 'ID',
              transformers: [{ operator: 'toUpperCase' }, { operator: 'join', args: { separator: { value: simple(' & ') } } }],
            },
          },
        }),
      }),
    );
    expect(calls[3].args).toEqual({ text: 'A & C' });
  });
});

describe('inputs and outputs', () => {
  test('inputs come from the incident, can be overridden, and the declared outputs are read at the end', async () => {
    const target = playbook(
      { '0': start('1'), '1': command('test-item', { id: simple('${inputs.ID}'), value: simple('${inputs.Value}') }) },
      {
        inputs: [
          { key: 'ID', value: simple('${incident.code42alertid}'), required: true },
          { key: 'Value', value: simple('default') },
        ],
        outputs: [{ contextPath: 'Test.Item.Value' }, { contextPath: 'Test.Missing' }],
      },
    );
    const report = await run(target, { incident: { CustomFields: { code42alertid: 'alert-1' } }, inputs: { Value: 'given' } });
    expect(calls[0].args).toEqual({ id: 'alert-1', value: 'given' });
    expect(report.outputs).toEqual({ 'Test.Item.Value': 'given' });
  });

  test('an incident from fetch-incidents gets the Code42 custom fields from its rawJSON', async () => {
    const target = playbook(
      { '0': start('1'), '1': command('test-item', { id: simple('${inputs.ID}'), value: simple('${incident.code42username}') }) },
      { inputs: [{ key: 'ID', value: simple('${incident.code42alertid}'), required: true }] },
    );
    await run(target, { incident: { name: 'Code42 - x', dbotMirrorId: 'a-9', rawJSON: JSON.stringify({ id: 'a-9', actor: 'eve@example.com', state: 'OPEN' }) } });
    expect(calls[0].args).toEqual({ id: 'a-9', value: 'eve@example.com' });
    expect(calls[0].incident).toMatchObject({ dbotMirrorId: 'a-9', CustomFields: { code42alertid: 'a-9', code42alertstate: 'OPEN' } });
  });

  test('a required input without a value refuses the run before any task', async () => {
    const target = playbook({ '0': start('1'), '1': command('test-item', { id: simple('${inputs.ID}') }) }, { inputs: [{ key: 'ID', value: simple('${incident.code42alertid}'), required: true }] });
    const attempt = run(target);
    await expect(attempt).rejects.toBeInstanceOf(RunRefusedError);
    await expect(run(target)).rejects.toThrow(
      'The required input ID of Test Playbook has no value (its default ${incident.code42alertid} reads nothing): give it with --input ID=<value> or an --incident that has it.',
    );
    expect(calls).toHaveLength(0);
  });

  test('an input the playbook does not declare is refused', async () => {
    await expect(run(playbook({ '0': start() }), { inputs: { Nope: '1' } })).rejects.toThrow('The playbook Test Playbook has no input "Nope"; it has no inputs.');
  });
});

describe('built-ins', () => {
  test('Set, Print and DeleteContext change and read the context', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { scriptName: 'Set', args: { key: simple('Notes.Text'), value: simple('hello') }, next: { '#none#': ['2'] } },
        '2': { scriptName: 'Set', args: { key: simple('Notes.Text'), value: simple('world'), append: simple('true') }, next: { '#none#': ['3'] } },
        '3': { scriptName: 'Print', args: { value: simple('${Notes.Text}') }, next: { '#none#': ['4'] } },
        '4': { scriptName: 'Set', args: { key: simple('Other'), value: simple('1') }, next: { '#none#': ['5'] } },
        '5': { scriptName: 'DeleteContext', args: { key: simple('Notes') } },
      }),
    );
    expect(report.tasks[3].entries[0].HumanReadable).toBe('hello,world');
    expect(report.context).toEqual({ Other: '1' });
  });

  test('setIncident sets system and custom fields; closeInvestigation closes the incident', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { script: 'Builtin|||setIncident', args: { severity: simple('3'), code42alertstate: simple('IN_PROGRESS') }, next: { '#none#': ['2'] } },
        '2': { script: 'Builtin|||closeInvestigation', args: { closeReason: simple('Resolved'), closeNotes: simple('done') } },
      }),
      { incident: { name: 'i', severity: 1 }, now: () => new Date('2030-01-02T03:04:05Z') },
    );
    expect(report.incident).toEqual({
      id: '1',
      created: '2030-01-02T03:04:05.000Z',
      owner: '',
      labels: [],
      name: 'i',
      severity: '3',
      CustomFields: { code42alertstate: 'IN_PROGRESS' },
      status: 2,
      closed: '2030-01-02T03:04:05.000Z',
      closeReason: 'Resolved',
      closeNotes: 'done',
    });
  });
});

describe('sub-playbooks', () => {
  const child = playbook(
    { '0': start('1'), '1': command('test-item', { id: simple('${inputs.ID}'), value: simple('from child') }) },
    { name: 'Child', inputs: [{ key: 'ID', required: true }], outputs: [{ contextPath: 'Test.Item.Value' }] },
  );

  test('with separatecontext the sub-playbook gets its inputs and hands back only its outputs', async () => {
    const report = await run(
      playbook({ '0': start('1'), '1': { playbookName: 'Child', separatecontext: true, args: { ID: simple('c-1') }, next: { '#none#': ['2'] } }, '2': title('Done') }),
      { playbooks: new Map([['Child', child]]) },
    );
    expect(report.status).toBe('completed');
    expect(report.tasks[1].subtasks?.map((t) => t.id)).toEqual(['1.0', '1.1']);
    expect(report.context).toEqual({ Test: { Item: { Value: 'from child' } } });
  });

  test('without separatecontext the sub-playbook writes straight into the parent context', async () => {
    const report = await run(playbook({ '0': start('1'), '1': { playbookName: 'Child', args: { ID: simple('c-1') } } }), { playbooks: new Map([['Child', child]]) });
    expect(report.context).toEqual({ Test: { Item: { ID: 'c-1', Value: 'from child' } } });
  });

  test('a failing sub-playbook fails its task', async () => {
    const failing = playbook({ '0': start('1'), '1': command('test-fail') }, { name: 'Failing' });
    const report = await run(playbook({ '0': start('1'), '1': { playbookName: 'Failing' } }), { playbooks: new Map([['Failing', failing]]) });
    expect(report.status).toBe('failed');
    expect(report.error).toBe('Task 1 (Task 1) failed: The sub-playbook Failing stopped: Task 1.1 (Task 1) failed: Failed to execute command test-fail command. Error: It broke.');
  });
});

describe('loops and limits', () => {
  const countBelow = (n: string) => [
    [
      {
        operator: 'lessThan',
        left: { value: { complex: { root: 'Test.Plain', transformers: [{ operator: 'count' }] } }, iscontext: true },
        right: { value: simple(n) },
      },
    ],
  ];

  test('a branch back to an earlier task runs the loop again until the condition lets it out', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': command('test-plain', { value: simple('tick') }, '2'),
        '2': { conditions: [{ label: 'again', condition: countBelow('3') }], next: { again: ['1'], '#default#': ['3'] } },
        '3': title('Done'),
      }),
    );
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '1', '2', '1', '2', '3']);
    expect(report.context).toEqual({ Test: { Plain: [{ Value: 'tick' }, { Value: 'tick' }, { Value: 'tick' }] } });
  });

  test('a loop that never ends is stopped by the step limit', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': command('test-plain', { value: simple('tick') }, '2'),
        '2': { conditions: [{ label: 'again', condition: countBelow('1000000') }], next: { again: ['1'], '#default#': ['3'] } },
        '3': title('Done'),
      }),
      { maxSteps: 25 },
    );
    expect(report.status).toBe('error');
    expect(report.error).toBe('The playbook was stopped after 25 task runs, at task 1 (Task 1): a loop that never ends?');
    expect(report.tasks).toHaveLength(25);
  });
});

describe('what the runner refuses before running anything', () => {
  const refused = async (task: Parameters<typeof playbook>[0][string], message: string) => {
    await expect(run(playbook({ '0': start('1'), '1': task }))).rejects.toThrow(new PlaybookError(message));
    expect(calls).toHaveLength(0);
  };

  test('an unknown command, with the closest command named', () => refused(command('test-itme'), 'Task 1 (Task 1) runs test-itme, which is not a command of Code42 and has no mock; did you mean test-item?'));
  test('a command of another integration', () =>
    refused({ script: 'VirusTotal|||file' }, 'Task 1 (Task 1) runs file of the integration "VirusTotal", which has no mock.'));
  test('a manual task without an answer, in one sentence naming its branches', () =>
    refused({ name: 'Review' }, 'Task 1 (Review) is a manual task: answer it with --answer 1=<branch>, where <branch> is one of #none#.'));
  test('an automation it does not provide', () =>
    refused({ scriptName: 'ConvertTableToHTML' }, 'Task 1 (Task 1) runs the automation ConvertTableToHTML, which the runner does not provide (it provides Print, Set, AssignAnalystToIncident, IsIntegrationAvailable, DeleteContext) and which has no mock.'));
  test('a sub-playbook it cannot find', () => refused({ playbookName: 'Nowhere' }, 'Task 1 (Task 1) runs the sub-playbook "Nowhere", which was not found and has no mock.'));
  test('an unknown transformer', () =>
    refused(command('test-args', { text: { complex: { root: 'X', transformers: [{ operator: 'Base64Encode' }] } } }), 'Task 1 (Task 1) uses the transformer "Base64Encode", which is not supported.'));
  test('an unknown condition operator', () =>
    refused(
      { conditions: [{ label: 'yes', condition: [[{ operator: 'isIdenticalIncident', left: { value: simple('x') } }]] }], next: { yes: [] } },
      'Task 1 (Task 1) uses the condition operator "isIdenticalIncident", which is not supported.',
    ));
});

test('a required input given empty is refused before any task, like one that reads nothing', async () => {
  const target = playbook({ '0': start('1'), '1': command('test-item', { id: simple('${inputs.ID}') }) }, { inputs: [{ key: 'ID', required: true }] });
  await expect(run(target, { inputs: { ID: '' } })).rejects.toThrow('The required input ID of Test Playbook has no value: give it with --input ID=<value> or an --incident that has it.');
  expect(calls).toHaveLength(0);
});
