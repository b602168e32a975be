// The XSOAR constructs real playbooks use, one scenario each, on test commands (no Code42): brands, mocks of
// other integrations and scripts, manual and data collection tasks answered with --answer, looping
// sub-playbooks, skipunavailable, `modules` and IsIntegrationAvailable, incident system fields.
import { toMocks } from '../../src/playbooks/mocks';
import { RunRefusedError } from '../../src/playbooks/runner';
import type { Comparison } from '../../src/playbooks/types';
import { calls, command, playbook, ran, run, simple, start, title } from './support';

const mocks = (doc: unknown) => toMocks(doc, 'mocks.yml');
const answers = (pairs: Record<string, string>) => new Map(Object.entries(pairs));
const equals = (path: string, value: string): Comparison[][] => [[{ operator: 'isEqualString', left: { value: simple(path), iscontext: true }, right: { value: simple(value) } }]];

describe('brands', () => {
  test.each(['Code42|||test-item', '|||test-item', 'Code42 Incydr SOAR|||test-item'])('%s runs our command', async (script) => {
    const report = await run(playbook({ '0': start('1'), '1': { script, args: { id: simple('x') } } }));
    expect(report.status).toBe('completed');
    expect(calls.map((call) => call.command)).toEqual(['test-item']);
  });

  test('a command of another brand is refused without a mock and runs with one', async () => {
    const target = playbook({ '0': start('1'), '1': { script: 'Jira V3|||jira-create-issue', args: { summary: simple('s') } } });
    await expect(run(target)).rejects.toThrow('Task 1 (Task 1) runs jira-create-issue of the integration "Jira V3", which has no mock.');
    const report = await run(target, { mocks: mocks({ 'Jira V3|||jira-create-issue': { context: { 'Ticket(val.Id == obj.Id)': { Id: 'J-1' } } } }) });
    expect(report.context).toEqual({ Ticket: { Id: 'J-1' } });
  });
});

describe('mocks', () => {
  test('context is merged as an EntryContext, keyed items updated, and readable is the war-room text', async () => {
    const doc = { 'ad-get-user': { context: { 'Account(val.Username == obj.Username)': { Username: 'eve', Manager: 'CN=bob' } }, readable: '### eve' } };
    const report = await run(
      playbook({ '0': start('1'), '1': { script: 'Active Directory Query v2|||ad-get-user', next: { '#none#': ['2'] } }, '2': { script: '|||ad-get-user' } }),
      { mocks: mocks(doc), context: { Account: [{ Username: 'eve', Email: 'eve@example.com' }] } },
    );
    expect(report.context).toEqual({ Account: { Username: 'eve', Email: 'eve@example.com', Manager: 'CN=bob' } });
    expect(report.tasks[1].entries[0]).toMatchObject({ Type: 1, HumanReadable: '### eve' });
  });

  test('error: fails the task with that sentence, and an error path takes over', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { script: 'Mail Sender (New)|||send-mail', continueonerror: true, errorPath: true, next: { '#none#': ['2'], '#error#': ['3'] } },
        '2': title('Sent'),
        '3': title('Not sent'),
      }),
      { mocks: mocks({ 'send-mail': { error: 'SMTP is down.' } }) },
    );
    expect(ran(report)).toEqual(['0', '1', '3']);
    expect(report.tasks[1]).toMatchObject({ state: 'failed', error: 'SMTP is down.' });
  });

  test('an automation the runner lacks runs from its mock', async () => {
    const report = await run(playbook({ '0': start('1'), '1': { scriptName: 'SearchIncidentsV2', args: { query: simple('status:Active') } } }), {
      mocks: mocks({ SearchIncidentsV2: { context: { foundIncidents: [{ id: '7' }] } } }),
    });
    expect(report.context).toEqual({ foundIncidents: [{ id: '7' }] });
  });

  test('a mock stands in for one of our own commands, which then is not called', async () => {
    const report = await run(playbook({ '0': start('1'), '1': command('test-item', { id: simple('x') }) }), { mocks: mocks({ 'Code42|||test-item': { readable: 'mocked' } }) });
    expect(calls).toHaveLength(0);
    expect(report.tasks[1].entries[0].HumanReadable).toBe('mocked');
  });

  test.each([
    [{ x: 'text' }, 'mocks.yml: the mock "x" must be a mapping with context:, readable:, raw: or error:.'],
    [{ x: { contxt: {} } }, 'mocks.yml: the mock "x" has the key "contxt"; a mock takes only context:, readable:, raw: and error:.'],
    [{ x: { error: 'e', readable: 'r' } }, 'mocks.yml: the mock "x" has error: beside context:, readable: or raw:; a failing task returns only its error.'],
    [{ x: { context: ['a'] } }, 'mocks.yml: the mock "x" has a context: that is not a mapping of context keys to values.'],
    [{ '|||x': { readable: 'r' } }, 'mocks.yml: "|||x" is not a command or script name (write name or Brand|||name).'],
    [['x'], 'mocks.yml must be a mapping from command or script names to mocks.'],
  ])('a broken mocks file is one sentence: %j', (doc, sentence) => {
    expect(() => mocks(doc)).toThrow(sentence);
  });
});

describe('manual tasks, manual conditions and data collection', () => {
  const review = playbook({
    '0': start('1'),
    '1': { name: 'Investigate', next: { '#none#': ['2'] } },
    '2': { type: 'condition', name: 'Is it malicious?', next: { Yes: ['3'], No: ['4'] } },
    '3': command('test-item', { id: simple('malicious') }),
    '4': { type: 'collection', name: 'Ask the manager', next: { '#none#': ['5'] } },
    '5': title('Done'),
  });

  test('each takes the branch its answer names (labels matched without regard to case)', async () => {
    const report = await run(review, { answers: answers({ '1': '#none#', '2': 'no', '4': '#none#' }) });
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '4', '5']);
    expect(report.tasks.find((task) => task.id === '2')?.branch).toBe('No');
    expect(calls).toHaveLength(0);
  });

  test('every missing answer is named before the run starts, with the task and its branches', async () => {
    const attempt = run(review, { answers: answers({ '1': '#none#' }) });
    await expect(attempt).rejects.toBeInstanceOf(RunRefusedError);
    await expect(run(review, { answers: answers({ '1': '#none#' }) })).rejects.toMatchObject({
      problems: [
        'Task 2 (Is it malicious?) is a manual condition task: answer it with --answer 2=<branch>, where <branch> is one of Yes, No.',
        'Task 4 (Ask the manager) is a data collection task: answer it with --answer 4=<branch>, where <branch> is one of #none#.',
      ],
    });
  });

  test('an answer that is not a branch, or names a task that is not manual, is refused', async () => {
    await expect(run(review, { answers: answers({ '1': '#none#', '2': 'Maybe', '3': 'Yes', '4': '#none#' }) })).rejects.toMatchObject({
      problems: [
        'The answer "Maybe" to task 2 (Is it malicious?) is not one of its branches (Yes, No).',
        '--answer 3 names no manual, manual condition or data collection task the playbook reaches.',
      ],
    });
  });

  test('a manual task inside a sub-playbook is answered by its path', async () => {
    const child = playbook({ '0': start('1'), '1': { type: 'condition', name: 'Approve?', next: { Yes: ['2'], No: [] } }, '2': command('test-item', { id: simple('approved') }) }, { name: 'Child' });
    const report = await run(playbook({ '0': start('1'), '1': { playbookName: 'Child' } }), { playbooks: new Map([['Child', child]]), answers: answers({ '1.1': 'Yes' }) });
    expect(report.tasks[1].subtasks?.map((task) => [task.id, task.branch])).toEqual([
      ['1.0', undefined],
      ['1.1', 'Yes'],
      ['1.2', undefined],
    ]);
    expect(calls.map((call) => call.args.id)).toEqual(['approved']);
  });
});

describe('looping sub-playbooks', () => {
  const child = playbook(
    { '0': start('1'), '1': command('test-item', { id: simple('${inputs.ID}'), value: simple('${inputs.Note}') }) },
    { name: 'Child', inputs: [{ key: 'ID', required: true }, { key: 'Note' }] },
  );
  const library = new Map([['Child', child]]);

  test('forEach runs it once per item of the list inputs, other inputs given whole each time', async () => {
    const report = await run(
      playbook({ '0': start('1'), '1': { playbookName: 'Child', loop: { forEach: true, max: 0 }, args: { ID: simple('${Ids}'), Note: simple('same') }, next: { '#none#': ['2'] } }, '2': title('Done') }),
      { playbooks: library, context: { Ids: ['a', 'b', 'c'] } },
    );
    expect(report.status).toBe('completed');
    expect(calls.map((call) => call.args)).toEqual([
      { id: 'a', value: 'same' },
      { id: 'b', value: 'same' },
      { id: 'c', value: 'same' },
    ]);
    expect(report.tasks[1].iterations).toBe(3);
    expect(report.tasks[1].subtasks?.map((task) => task.id)).toEqual(['1.0', '1.1', '1.0', '1.1', '1.0', '1.1']);
  });

  test('forEach over a list that reads nothing runs it no time', async () => {
    const report = await run(playbook({ '0': start('1'), '1': { playbookName: 'Child', loop: { forEach: true }, args: { ID: simple('${Nothing}') } } }), { playbooks: library });
    expect(report.status).toBe('completed');
    expect(report.tasks[1].iterations).toBe(0);
    expect(calls).toHaveLength(0);
  });

  test('a loop with a built-in condition runs until the condition holds', async () => {
    const tick = playbook({ '0': start('1'), '1': command('test-plain', { value: simple('tick') }) }, { name: 'Tick' });
    const until: Comparison[][] = [
      [{ operator: 'greaterThanOrEqual', left: { value: { complex: { root: 'Test.Plain', transformers: [{ operator: 'count' }] } }, iscontext: true }, right: { value: simple('3') } }],
    ];
    const report = await run(playbook({ '0': start('1'), '1': { playbookName: 'Tick', loop: { builtincondition: until, max: 10 } } }), { playbooks: new Map([['Tick', tick]]) });
    expect(report.tasks[1].iterations).toBe(3);
  });

  test('a loop stops at its max even when the condition never holds', async () => {
    const tick = playbook({ '0': start('1'), '1': command('test-plain', { value: simple('tick') }) }, { name: 'Tick' });
    const report = await run(playbook({ '0': start('1'), '1': { playbookName: 'Tick', loop: { builtincondition: equals('Never', 'x'), max: 4 } } }), { playbooks: new Map([['Tick', tick]]) });
    expect(report.status).toBe('completed');
    expect(report.tasks[1].iterations).toBe(4);
  });
});

describe('skipunavailable', () => {
  test('a task whose integration, script or sub-playbook is missing is skipped, and the run goes on', async () => {
    const report = await run(
      playbook({
        '0': start('1'),
        '1': { script: 'ServiceNow v2|||servicenow-create-ticket', skipunavailable: true, next: { '#none#': ['2'] } },
        '2': { playbookName: 'Not Installed', skipunavailable: true, next: { '#none#': ['3'] } },
        '3': command('test-item', { id: simple('after') }),
      }),
    );
    expect(report.status).toBe('completed');
    expect(report.tasks.map((task) => [task.id, task.state])).toEqual([
      ['0', 'completed'],
      ['1', 'skipped'],
      ['2', 'skipped'],
      ['3', 'completed'],
    ]);
  });
});

describe('modules and IsIntegrationAvailable', () => {
  const available = (brand: string) => ({
    type: 'condition' as const,
    scriptName: 'IsIntegrationAvailable',
    args: { brandname: simple(brand) },
    next: { yes: ['2'], no: ['3'] },
  });
  const target = (brand: string) => playbook({ '0': start('1'), '1': available(brand), '2': title('Available'), '3': title('Missing') });
  const adMock = mocks({ 'Active Directory Query v2|||ad-get-user': { readable: 'r' } });

  test.each([
    ['Code42', 'yes'],
    ['Active Directory Query v2', 'yes'],
    ['Jira V3', 'no'],
  ])('IsIntegrationAvailable %s answers %s: ours and the mocked integrations are there', async (brand, branch) => {
    const report = await run(target(brand), { mocks: adMock });
    expect(report.tasks[1].branch).toBe(branch);
  });

  test('modules lists one active instance per integration the run has', async () => {
    const activeBrand = (brand: string) => ({
      complex: {
        root: 'modules',
        filters: [
          [{ operator: 'isEqualString', left: { value: simple('modules.brand'), iscontext: true }, right: { value: simple(brand) } }],
          [{ operator: 'isEqualString', left: { value: simple('modules.state'), iscontext: true }, right: { value: simple('active') } }],
        ],
        accessor: 'brand',
      },
    });
    await run(playbook({ '0': start('1'), '1': command('test-args', { text: activeBrand('Active Directory Query v2'), list: activeBrand('Jira V3'), other: activeBrand('Code42') }) }), { mocks: adMock });
    expect(calls[0].args).toEqual({ text: 'Active Directory Query v2', other: 'Code42' });
  });
});

describe('the incident', () => {
  test('system fields id, created, name, severity, owner and labels.<type> read as in XSOAR', async () => {
    await run(
      playbook({
        '0': start('1'),
        '1': command('test-args', { text: simple('${incident.id}|${incident.name}|${incident.severity}|${incident.owner}|${incident.labels.Email}|${incident.created}') }),
      }),
      { incident: { id: '42', name: 'Exfiltration', severity: 3, owner: 'analyst', labels: [{ type: 'Email', value: 'eve@example.com' }] }, now: () => new Date('2030-01-01T00:00:00Z') },
    );
    expect(calls[0].args.text).toBe('42|Exfiltration|3|analyst|eve@example.com|2030-01-01T00:00:00.000Z');
  });

  test('an incident from fetch-incidents carries the custom fields fetch sets, its file events included', async () => {
    const raw = { sessionId: 's-1', actorName: 'eve@example.com', fileevents: [{ event: { id: 'e-1' } }] };
    await run(playbook({ '0': start('1'), '1': command('test-args', { text: simple('${incident.code42alertid} ${incident.code42username} ${incident.code42fileevents.event.id}') }) }), {
      incident: { dbotMirrorId: 's-1', rawJSON: JSON.stringify(raw) },
    });
    expect(calls[0].args.text).toBe('s-1 eve@example.com e-1');
  });

  test('AssignAnalystToIncident with a username makes that user the owner', async () => {
    const report = await run(playbook({ '0': start('1'), '1': { scriptName: 'AssignAnalystToIncident', args: { username: simple('analyst') } } }));
    expect(report.incident.owner).toBe('analyst');
  });

  test('setIncident and closeInvestigation with the id of the run\'s incident change it; with another id they change nothing', async () => {
    const target = (id: string) =>
      playbook({
        '0': start('1'),
        '1': { script: 'Builtin|||setIncident', args: { id: simple(id), employeeemail: simple('e@example.com') }, next: { '#none#': ['2'] } },
        '2': { script: 'Builtin|||closeInvestigation', args: { id: simple(id), closeReason: simple('Resolved') } },
      });
    const own = await run(target('5'), { incident: { id: '5' } });
    expect(own.incident).toMatchObject({ id: '5', status: 2, CustomFields: { employeeemail: 'e@example.com' } });
    const other = await run(target('99'), { incident: { id: '5' } });
    expect(other.incident).toMatchObject({ id: '5', CustomFields: {} });
    expect(other.incident.status).toBeUndefined();
    expect(other.tasks[2].entries[0].HumanReadable).toBe('Closed incident 99: the runner holds only the incident of this run, so nothing of it changed.');
  });
});

test('a forEach sub-playbook with its own context hands back the outputs of every iteration', async () => {
  const child = playbook(
    { '0': start('1'), '1': command('test-item', { id: simple('${inputs.ID}') }) },
    { name: 'Child', inputs: [{ key: 'ID', required: true }], outputs: [{ contextPath: 'Test.Item.ID' }] },
  );
  const report = await run(playbook({ '0': start('1'), '1': { playbookName: 'Child', separatecontext: true, loop: { forEach: true }, args: { ID: simple('${Ids}') } } }), {
    playbooks: new Map([['Child', child]]),
    context: { Ids: ['a', 'b'] },
  });
  expect(report.context.Test).toEqual({ Item: { ID: ['a', 'b'] } });
});

test('a condition task that runs a mocked script takes the branch its readable answer names', async () => {
  const report = await run(
    playbook({ '0': start('1'), '1': { type: 'condition', scriptName: 'IsUserOnLeave', next: { yes: ['2'], no: ['3'] } }, '2': title('On leave'), '3': title('At work') }),
    { mocks: mocks({ IsUserOnLeave: { readable: 'Yes' } }) },
  );
  expect(ran(report)).toEqual(['0', '1', '2']);
  expect(report.tasks[1].branch).toBe('yes');
});

test('an Ask task (a condition with a survey message) is answered like a manual condition', async () => {
  const ask = playbook({ '0': start('1'), '1': { type: 'condition', name: 'Ask the manager', next: { Approve: ['2'], Deny: ['3'] } }, '2': title('Approved'), '3': title('Denied') });
  ask.tasks['1'].message = { to: 'manager', subject: 'Approve?', replyOptions: ['Approve', 'Deny'] };
  await expect(run(ask)).rejects.toThrow('Task 1 (Ask the manager) is an Ask task (a survey): answer it with --answer 1=<branch>, where <branch> is one of Approve, Deny.');
  const report = await run(ask, { answers: new Map([['1', 'deny']]) });
  expect(ran(report)).toEqual(['0', '1', '3']);
});

test('a sub-playbook the runner does not have runs from its mock, once, its context standing for its outputs', async () => {
  const report = await run(
    playbook({ '0': start('1'), '1': { playbookName: 'Active Directory - Get User Manager Details', separatecontext: true, next: { '#none#': ['2'] } }, '2': command('test-args', { text: simple('${UserManagerEmail}') }) }),
    { mocks: mocks({ 'Active Directory - Get User Manager Details': { context: { UserManagerEmail: 'boss@example.com' }, readable: 'Manager found.' } }) },
  );
  expect(report.status).toBe('completed');
  expect(report.tasks[1].entries[0].HumanReadable).toBe('Manager found.');
  expect(calls[0].args).toEqual({ text: 'boss@example.com' });
});

test('a mocked task is shaped by its platform arguments: ignore-outputs drops its context, extend-context reads its raw response', async () => {
  const report = await run(
    playbook({
      '0': start('1'),
      '1': {
        scriptName: 'SearchIncidentsV2',
        args: { 'ignore-outputs': simple('true'), 'extend-context': simple('Found=.Contents.data.[]={"xsoar_id": val.id, "alert": val.CustomFields.code42alertid}') },
      },
    }),
    { mocks: mocks({ SearchIncidentsV2: { context: { foundIncidents: [{ id: '7' }] }, raw: { data: [{ id: '7', CustomFields: { code42alertid: 'a-7' } }] } } }) },
  );
  expect(report.context).toEqual({ Found: { xsoar_id: '7', alert: 'a-7' } });
});
