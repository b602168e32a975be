// Departing Employee List commands (commands.md, seed 003 arguments): the list is the DEPARTING_EMPLOYEE
// watchlist, the departure date the actor's end date and the note the actor's notes, so the list and the
// watchlist can no longer drift apart.
import type { Actor } from '../src/code42/api';
import { CommandError, defineCommand } from '../src/command';
import { dateArg, filterTypeArg, LIST_RESULTS, requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { actorOnList, addToList, alreadyOn, FILTER_TYPES, listMembers, listOutputs, notOn, removeFromList } from './_shared/employee-lists';
import { listResult } from './_shared/results';
import { DEPARTING_EMPLOYEES } from './_shared/watchlists';

const outputs = listOutputs('Code42.DepartingEmployee', 'Departing Employee', {
  CaseID: {
    type: 'String',
    description: 'Internal Code42 Case ID for the Departing Employee. Deprecated. Use Code42.DepartingEmployee.UserID.',
  },
  DepartureDate: { type: 'Unknown', description: 'The departure date for the Departing Employee.' },
});

const employeeContext = (actor: Actor) =>
  compact({ UserID: actor.actorId, Username: actor.name, DepartureDate: actor.endDate ?? undefined, Note: actor.notes ?? undefined });

const HEADERS = ['UserID', 'Username', 'DepartureDate', 'Note'];

export const departingEmployeeAdd = defineCommand({
  name: 'code42-departingemployee-add',
  description: 'Adds a user to the Departing Employee List.',
  kind: 'write',
  args: {
    username: requiredString('The username to add to the Departing Employee List.'),
    departuredate: dateArg('The departure date for the employee, in the format YYYY-MM-DD.'),
    note: { type: 'string', description: 'Note to attach to the Departing Employee.' },
  },
  outputs: outputs('CaseID', 'UserID', 'Username', 'Note', 'DepartureDate'),
  async handler(ctx, { username, departuredate, note }) {
    const patch = compact({ endDate: departuredate, notes: note });
    const { actor, wasOn } = await addToList(ctx, DEPARTING_EMPLOYEES, username, patch);
    const result = {
      title: 'Code42 Departing Employee List User Added',
      outputs: { CaseID: actor.actorId, ...employeeContext(actor) },
      headers: ['CaseID', ...HEADERS],
      raw: actor,
    };
    return wasOn ? alreadyOn(result, username, DEPARTING_EMPLOYEES, patch) : result;
  },
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
  async handler(ctx, { username }) {
    const { actor, wasOn } = await removeFromList(ctx, DEPARTING_EMPLOYEES, username);
    const result = {
      title: 'Code42 Departing Employee List User Removed',
      outputs: { CaseID: actor.actorId, UserID: actor.actorId, Username: actor.name },
      headers: ['CaseID', 'UserID', 'Username'],
      raw: actor,
    };
    return wasOn ? result : notOn(result, username, DEPARTING_EMPLOYEES);
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
  async handler(ctx, { username }) {
    const { actor, isOn } = await actorOnList(ctx, DEPARTING_EMPLOYEES, username);
    if (!isOn) throw new CommandError(`User ${username} is not on the ${DEPARTING_EMPLOYEES.title}.`);
    return { title: 'Retrieve departing employee', outputs: employeeContext(actor), headers: HEADERS, raw: actor };
  },
});

export const departingEmployeeGetAll = defineCommand({
  name: 'code42-departingemployee-get-all',
  description: 'Get all employees on the Departing Employee List.',
  kind: 'read',
  args: {
    results: LIST_RESULTS,
    filtertype: filterTypeArg(FILTER_TYPES),
  },
  outputs: outputs('UserID', 'Username', 'Note', 'DepartureDate'),
  async handler(ctx, { results, filtertype }) {
    const actors = await listMembers(ctx, DEPARTING_EMPLOYEES, filtertype, results);
    return listResult(actors, 'All Departing Employees', employeeContext, HEADERS);
  },
});
