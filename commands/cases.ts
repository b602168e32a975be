// Cases (commands.md, `/v1/cases`): open a case, look one up, attach file events — given by id, or the
// events of an alert (session). Code42's case problems are answered as plain sentences.
import type { Case, Code42Api } from '../src/code42/api';
import { Code42Error } from '../src/code42/errors';
import { CommandError, defineCommand, type OutputField } from '../src/command';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { fileEventId } from './_shared/file-events';
import { alreadyHeld } from './_shared/results';

const CASE_FIELDS = {
  Number: { type: 'Number', description: 'The case number.' },
  Name: { type: 'String', description: 'The name of the case.' },
  Status: { type: 'String', description: 'The status of the case (OPEN, CLOSED or ARCHIVED).' },
  Description: { type: 'String', description: 'The description of the case.' },
  Findings: { type: 'String', description: 'The findings of the case.' },
  Subject: { type: 'String', description: 'The username of the subject of the case.' },
  SubjectUserID: { type: 'String', description: 'The user ID of the subject of the case.' },
  Assignee: { type: 'String', description: 'The username of the assignee of the case.' },
  AssigneeUserID: { type: 'String', description: 'The user ID of the assignee of the case.' },
  CreatedAt: { type: 'Date', description: 'When the case was created.' },
  UpdatedAt: { type: 'Date', description: 'When the case was last changed.' },
} satisfies Record<string, OutputField>;

const CASE_OUTPUTS = { prefix: 'Code42.Case', key: 'Number', fields: CASE_FIELDS };
const CASE_HEADERS = ['Number', 'Name', 'Status', 'Subject', 'Assignee', 'Description', 'CreatedAt'];

const caseContext = (kase: Case) =>
  compact({
    Number: kase.number,
    Name: kase.name,
    Status: kase.status,
    Description: kase.description ?? undefined,
    Findings: kase.findings ?? undefined,
    Subject: kase.subjectUsername ?? undefined,
    SubjectUserID: kase.subject ?? undefined,
    Assignee: kase.assigneeUsername ?? undefined,
    AssigneeUserID: kase.assignee ?? undefined,
    CreatedAt: kase.createdAt ?? undefined,
    UpdatedAt: kase.updatedAt ?? undefined,
  });

const userIdOf = async (code42: Code42Api, username: string | undefined): Promise<string | undefined> =>
  username === undefined ? undefined : (await code42.users.getByUsername(username)).userId;

export const caseCreate = defineCommand({
  name: 'code42-case-create',
  description: 'Opens a Code42 case to track the investigation of an alert.',
  kind: 'write',
  args: {
    name: requiredString('The name of the case (unique, at most 50 characters).'),
    description: { type: 'string', description: 'The description of the case (at most 250 characters).' },
    findings: { type: 'string', description: 'The findings of the case (at most 30,000 characters).' },
    subject: { type: 'string', description: 'The username of the user the case is about.' },
    assignee: { type: 'string', description: 'The username of the user who works the case.' },
  },
  outputs: CASE_OUTPUTS,
  async handler({ code42 }, args) {
    // Code42's length limits are checked by the client before anything is sent (one place: src/code42/cases.ts).
    const subject = await userIdOf(code42, args.subject);
    const assignee = await userIdOf(code42, args.assignee);
    const created = await code42.cases.create({ name: args.name, description: args.description, findings: args.findings, subject, assignee }).catch((error: unknown) => {
      // Not a repeated change that already holds (commands/_shared/results.ts alreadyHeld): a name says nothing
      // about whether the existing case is the one asked for, so taking it over silently could file evidence
      // in someone else's case. It stays an error naming the clash.
      if (error instanceof Code42Error && error.mentions('NAME_EXISTS')) throw new CommandError(`A case named '${args.name}' already exists.`);
      throw error;
    });
    return { title: 'Code42 Case Created', outputs: caseContext(created), headers: CASE_HEADERS, raw: created };
  },
});

const caseNumberArg = (description: string) => ({ type: 'number', integer: true, minimum: 1, required: true, description }) as const;

export const caseGet = defineCommand({
  name: 'code42-case-get',
  description: 'Retrieves a Code42 case by its number.',
  kind: 'read',
  args: { case_number: caseNumberArg('The number of the case.') },
  outputs: CASE_OUTPUTS,
  async handler({ code42 }, { case_number }) {
    const kase = await code42.cases.get(case_number);
    return { title: 'Code42 Case', outputs: caseContext(kase), headers: CASE_HEADERS, raw: kase };
  },
});

/** The ids given, then those of the alert's (session's) file events, without repeats. */
async function eventIdsToAdd(code42: Code42Api, eventIds: string[], alertId: string | undefined): Promise<string[]> {
  const ids = [...eventIds];
  if (alertId !== undefined) {
    const events = await code42.sessions.events(alertId);
    const fromAlert = events.map(fileEventId).filter((id): id is string => id !== undefined);
    if (fromAlert.length === 0) throw new CommandError(`Alert ${alertId} has no file events to add.`);
    ids.push(...fromAlert);
  }
  if (ids.length === 0) throw new CommandError('No file events to add: give event_ids, alert_id or both.');
  return [...new Set(ids)];
}

const listed = (ids: string[]): string => (ids.length === 1 ? `file event ${ids[0]}` : `file events ${ids.join(', ')}`);

export const caseAddFileEvent = defineCommand({
  name: 'code42-case-add-file-event',
  description: 'Adds file events to an open Code42 case: the events given by ID, and the file events of an alert.',
  kind: 'write',
  args: {
    case_number: caseNumberArg('The number of the case to add the file events to.'),
    event_ids: { type: 'list', description: 'IDs of the file events to add, comma delimited.' },
    alert_id: { type: 'string', description: 'The ID of an alert (session) whose file events to add.' },
  },
  outputs: {
    prefix: 'Code42.CaseFileEvents',
    key: ['CaseNumber', 'EventID'],
    fields: {
      CaseNumber: { type: 'Number', description: 'The number of the case the file event was added to.' },
      EventID: { type: 'String', description: 'The ID of the file event added to the case.' },
    },
  },
  async handler({ code42 }, { case_number, event_ids = [], alert_id }) {
    // Both checked before anything is sent, so nothing is half added.
    const kase = await code42.cases.get(case_number);
    if (kase.status !== 'OPEN') throw new CommandError(`Case ${case_number} is ${kase.status.toLowerCase()}; file events can be added to open cases only.`);
    const ids = await eventIdsToAdd(code42, event_ids, alert_id);
    const present = new Set((await code42.cases.fileEvents(case_number)).map((e) => e.eventId));
    const toAdd = ids.filter((id) => !present.has(id));
    const already = ids.filter((id) => present.has(id));
    if (toAdd.length) {
      await code42.cases.addFileEvents(case_number, toAdd).catch((error: unknown) => {
        if (error instanceof Code42Error && error.mentions('CASE_IS_CLOSED')) throw new CommandError(`Case ${case_number} is closed; file events can be added to open cases only.`);
        throw error;
      });
    }
    const result = {
      title: `Code42 File Events Added to Case ${case_number}`,
      outputs: ids.map((id) => ({ CaseNumber: case_number, EventID: id })),
      headers: ['CaseNumber', 'EventID'],
      raw: { caseNumber: case_number, added: toAdd, alreadyOnCase: already },
    };
    return already.length ? alreadyHeld(result, `Case ${case_number} already had ${listed(already)}; nothing changed for ${already.length === 1 ? 'it' : 'them'}.`) : result;
  },
});
