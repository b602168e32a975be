// Departing Employee List commands (commands.md, seed 003 arguments, seed 000 flow).
import type { DetectionListEntry } from '../src/code42/api';
import { defineCommand } from '../src/command';
import { dateArg, filterTypeArg, LIST_RESULTS, requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { addToList, DEPARTING_EMPLOYEES, getUserOnList, listOutputs, removeUserFromList, searchList } from './_shared/detection-lists';
import { listResult } from './_shared/results';

const outputs = listOutputs('Code42.DepartingEmployee', 'Departing Employee', {
  CaseID: {
    type: 'String',
    description: 'Internal Code42 Case ID for the Departing Employee. Deprecated. Use Code42.DepartingEmployee.UserID.',
  },
  DepartureDate: { type: 'Unknown', description: 'The departure date for the Departing Employee.' },
});

const entryContext = (entry: DetectionListEntry) =>
  compact({ UserID: entry.userId, Username: entry.userName, DepartureDate: entry.departureDate, Note: entry.notes });

const ADD = 'code42-departingemployee-add';

export const departingEmployeeAdd = defineCommand({
  name: ADD,
  description: 'Adds a user to the Departing Employee List.',
  kind: 'write',
  args: {
    username: requiredString('The username to add to the Departing Employee List.'),
    departuredate: dateArg('The departure date for the employee, in the format YYYY-MM-DD.'),
    note: { type: 'string', description: 'Note to attach to the Departing Employee.' },
  },
  outputs: outputs('CaseID', 'UserID', 'Username', 'Note', 'DepartureDate'),
  handler: ({ code42 }, { username, departuredate, note }) =>
    addToList(code42, DEPARTING_EMPLOYEES, ADD, username, { note, departureDate: departuredate }, (added) => ({
      title: 'Code42 Departing Employee List User Added',
      outputs: compact({
        CaseID: added.userId,
        UserID: added.userId,
        Username: username,
        DepartureDate: added.entry.departureDate ?? departuredate,
        Note: added.note,
      }),
    })),
});

export const departingEmployeeRemove = defineCommand({
  name: 'code42-departingemployee-remove',
  description: 'Removes a user from the Departing Employee List.',
  kind: 'write',
  args: {
    // Optional in seed 003's table, but nothing can be removed without it.
    username: requiredString('The username to remove from the Departing Employee List.'),
  },
  outputs: outputs('CaseID', 'UserID', 'Username'),
  async handler({ code42 }, { username }) {
    const { userId } = await removeUserFromList(code42, DEPARTING_EMPLOYEES, username);
    return { title: 'Code42 Departing Employee List User Removed', outputs: { CaseID: userId, UserID: userId, Username: username } };
  },
});

export const departingEmployeeGet = defineCommand({
  name: 'code42-departingemployee-get',
  description: 'Retrieve departing employee details.',
  kind: 'read',
  args: {
    username: requiredString('Email id of the departing employee.'),
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
    results: LIST_RESULTS,
    filtertype: filterTypeArg(['EXFILTRATION_30_DAYS', 'EXFILTRATION_24_HOURS', 'OPEN', 'LEAVING_TODAY']),
  },
  outputs: outputs('UserID', 'Username', 'Note', 'DepartureDate'),
  async handler({ code42 }, { results, filtertype }) {
    const entries = await searchList(code42, DEPARTING_EMPLOYEES, filtertype, results);
    return listResult(entries, 'All Departing Employees', entryContext, ['UserID', 'Username', 'DepartureDate', 'Note']);
  },
});
