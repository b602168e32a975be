// Departing Employee List commands (commands.md, seed 003 arguments, seed 000 flow).
import type { DetectionListEntry } from '../src/code42/api';
import { defineCommand, type OutputField } from '../src/command';
import { compact } from './_shared/context';
import { addOutcome, addUserToList, DEPARTING_EMPLOYEES, getUserOnList, removeUserFromList, searchList } from './_shared/detection-lists';

const PREFIX = 'Code42.DepartingEmployee';

const FIELDS = {
  CaseID: {
    type: 'String',
    description: 'Internal Code42 Case ID for the Departing Employee. Deprecated. Use Code42.DepartingEmployee.UserID.',
  },
  UserID: { type: 'String', description: 'Internal Code42 User ID for the Departing Employee.' },
  Username: { type: 'String', description: 'The username of the Departing Employee.' },
  Note: { type: 'String', description: 'Note associated with the Departing Employee.' },
  DepartureDate: { type: 'Unknown', description: 'The departure date for the Departing Employee.' },
} satisfies Record<string, OutputField>;

const outputs = (...names: (keyof typeof FIELDS)[]) => ({
  prefix: PREFIX,
  key: 'UserID',
  fields: Object.fromEntries(names.map((name) => [name, FIELDS[name]])),
});

const entryContext = (entry: DetectionListEntry) =>
  compact({ UserID: entry.userId, Username: entry.userName, DepartureDate: entry.departureDate, Note: entry.notes });

const ADD = 'code42-departingemployee-add';

export const departingEmployeeAdd = defineCommand({
  name: ADD,
  description: 'Adds a user to the Departing Employee List.',
  kind: 'write',
  args: {
    username: { type: 'string', description: 'The username to add to the Departing Employee List.', required: true },
    departuredate: { type: 'string', format: 'date', description: 'The departure date for the employee, in the format YYYY-MM-DD.' },
    note: { type: 'string', description: 'Note to attach to the Departing Employee.' },
  },
  outputs: outputs('CaseID', 'UserID', 'Username', 'Note', 'DepartureDate'),
  async handler({ code42 }, { username, departuredate, note }) {
    const added = await addUserToList(code42, DEPARTING_EMPLOYEES, username, { note, departureDate: departuredate });
    const userId = added.profile.userId;
    return addOutcome(ADD, DEPARTING_EMPLOYEES, username, added, {
      title: 'Code42 Departing Employee List User Added',
      outputs: compact({
        CaseID: userId,
        UserID: userId,
        Username: username,
        DepartureDate: added.entry.departureDate ?? departuredate,
        Note: added.noteFailure === undefined ? note : undefined,
      }),
      raw: added.entry,
    });
  },
});

export const departingEmployeeRemove = defineCommand({
  name: 'code42-departingemployee-remove',
  description: 'Removes a user from the Departing Employee List.',
  kind: 'write',
  args: {
    // Optional in seed 003's table, but nothing can be removed without it.
    username: { type: 'string', description: 'The username to remove from the Departing Employee List.', required: true },
  },
  outputs: outputs('CaseID', 'UserID', 'Username'),
  async handler({ code42 }, { username }) {
    const profile = await removeUserFromList(code42, DEPARTING_EMPLOYEES, username);
    return {
      title: 'Code42 Departing Employee List User Removed',
      outputs: { CaseID: profile.userId, UserID: profile.userId, Username: username },
    };
  },
});

export const departingEmployeeGet = defineCommand({
  name: 'code42-departingemployee-get',
  description: 'Retrieve departing employee details.',
  kind: 'read',
  args: {
    username: { type: 'string', description: 'Email id of the departing employee.', required: true },
  },
  outputs: outputs('UserID', 'Username', 'Note', 'DepartureDate'),
  async handler({ code42 }, { username }) {
    const entry = await getUserOnList(code42, DEPARTING_EMPLOYEES, username);
    return { title: 'Retrieve departing employee', outputs: entryContext(entry), raw: entry };
  },
});

export const departingEmployeeGetAll = defineCommand({
  name: 'code42-departingemployee-get-all',
  description: 'Get all employees on the Departing Employee List.',
  kind: 'read',
  args: {
    results: { type: 'number', integer: true, minimum: 1, defaultValue: 50, description: 'The number of items to return.' },
    filtertype: {
      type: 'string',
      predefined: ['EXFILTRATION_30_DAYS', 'EXFILTRATION_24_HOURS', 'OPEN', 'LEAVING_TODAY'],
      defaultValue: 'OPEN',
      description: 'Filters the results based on specific filters.',
    },
  },
  outputs: outputs('UserID', 'Username', 'Note', 'DepartureDate'),
  async handler({ code42 }, { results, filtertype }) {
    const entries = await searchList(code42, DEPARTING_EMPLOYEES, filtertype, results);
    if (entries.length === 0) return { readable: 'No results found', outputs: null, raw: [] };
    return {
      title: 'All Departing Employees',
      outputs: entries.map(entryContext),
      headers: ['UserID', 'Username', 'DepartureDate', 'Note'],
      raw: entries,
    };
  },
});
