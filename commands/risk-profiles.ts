// User risk profiles are actors (commands.md): read one, and change its start date, end date and notes.
// Context dates are `{year, month, day}` objects, which the XSOAR Code42 pack's playbooks read as
// `EndDate.year` / `.month` / `.day`; the war room shows the same dates as YYYY-MM-DD.
import type { Actor, ActorPatch, Code42Api } from '../src/code42/api';
import { Code42Error } from '../src/code42/errors';
import { defineCommand, type OutputField } from '../src/command';
import type { CommandResult } from '../src/xsoar/entry';
import { tableToMarkdown } from '../src/xsoar/markdown';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { toDateParts } from './_shared/dates';

function profileFields(when: string): Record<string, OutputField> {
  const date = (name: 'StartDate' | 'EndDate', label: string): Record<string, OutputField> => ({
    [name]: { type: 'Unknown', description: `The ${label} of the UserRiskProfile${when}, as {year, month, day}.` },
    [`${name}.year`]: { type: 'Number', description: `The year of the ${label}.` },
    [`${name}.month`]: { type: 'Number', description: `The month (1-12) of the ${label}.` },
    [`${name}.day`]: { type: 'Number', description: `The day of the month of the ${label}.` },
  });
  return {
    ...date('StartDate', 'startDate value'),
    ...date('EndDate', 'endDate value'),
    Notes: { type: 'String', description: `The notes value of the UserRiskProfile${when}.` },
    Department: { type: 'String', description: 'The department of the user.' },
    Title: { type: 'String', description: 'The job title of the user.' },
    Manager: { type: 'String', description: "The username of the user's manager." },
    Country: { type: 'String', description: 'The country of the user.' },
    Active: { type: 'Boolean', description: 'Whether the user is active.' },
  };
}

const HEADERS = ['Username', 'StartDate', 'EndDate', 'Notes', 'Department', 'Title', 'Manager', 'Country', 'Active'];

/** The manager's name; when it cannot be read, the manager's actor id still says who it is. */
async function managerName(code42: Code42Api, actor: Actor): Promise<string | undefined> {
  if (!actor.managerActorId) return undefined;
  try {
    return (await code42.actors.byId(actor.managerActorId)).name;
  } catch (error) {
    if (error instanceof Code42Error && error.kind === 'not-found') return actor.managerActorId;
    throw error;
  }
}

async function profileContext(code42: Code42Api, actor: Actor) {
  return compact({
    Username: actor.name,
    StartDate: toDateParts(actor.startDate),
    EndDate: toDateParts(actor.endDate),
    Notes: actor.notes ?? undefined,
    Department: actor.department ?? undefined,
    Title: actor.title ?? undefined,
    Manager: await managerName(code42, actor),
    Country: actor.country ?? undefined,
    Active: actor.active ?? undefined,
  });
}

/** The profile as a table with YYYY-MM-DD dates; the context keeps the date objects. */
function profileResult(title: string, context: Record<string, unknown>, actor: Actor, extra: { headers?: string[]; metadata?: string } = {}): CommandResult {
  const row = { ...context, StartDate: actor.startDate ?? undefined, EndDate: actor.endDate ?? undefined };
  const readable = tableToMarkdown(title, row, { headers: [...HEADERS, ...(extra.headers ?? [])], removeNull: true, metadata: extra.metadata });
  return { title, outputs: context, readable, raw: actor };
}

export const userGetRiskProfile = defineCommand({
  name: 'code42-user-get-risk-profile',
  description: 'Get the risk profile details for a given user.',
  kind: 'read',
  args: {
    username: requiredString('The user to get risk profile for.'),
  },
  outputs: {
    prefix: 'Code42.UserRiskProfiles',
    key: 'Username',
    fields: { Username: { type: 'String', description: 'The username.' }, ...profileFields('') },
  },
  async handler({ code42 }, { username }) {
    const actor = await code42.actors.byNameWithParent(username);
    return profileResult('Code42 User Risk Profile', await profileContext(code42, actor), actor);
  },
});

const dateArg = (description: string) => ({ type: 'string', format: 'date-or-empty', description }) as const;

export const userUpdateRiskProfile = defineCommand({
  name: 'code42-user-update-risk-profile',
  description: "Update a user's risk profile.",
  kind: 'write',
  args: {
    username: requiredString('The user to update.'),
    start_date: dateArg("The user's start date (useful for New Employee Watchlist), in the format YYYY-MM-DD; an empty value clears it."),
    end_date: dateArg("The user's end date (useful for Departing Employee Watchlist), in the format YYYY-MM-DD; an empty value clears it."),
    notes: { type: 'string', allowEmpty: true, description: 'Risk profile notes; an empty value clears them.' },
  },
  outputs: {
    prefix: 'Code42.UpdatedUserRiskProfiles',
    // The XSOAR pack's playbooks read the profile after an update under UserRiskProfiles.
    alsoUnder: ['Code42.UserRiskProfiles'],
    key: 'Username',
    fields: {
      Username: { type: 'String', description: 'The user that was updated.' },
      ...profileFields(' after the update'),
      Success: { type: 'Boolean', description: 'If the risk profile update was successful.' },
    },
  },
  async handler({ code42 }, { username, start_date, end_date, notes }) {
    // Only what was given is changed; "" clears a field (sent as null).
    const patch: ActorPatch = {};
    if (start_date !== undefined) patch.startDate = start_date === '' ? null : start_date;
    if (end_date !== undefined) patch.endDate = end_date === '' ? null : end_date;
    if (notes !== undefined) patch.notes = notes === '' ? null : notes;
    const found = await code42.actors.byNameWithParent(username);
    // A username alone reads the profile and changes nothing (playbooks use it to refresh the context).
    const nothingGiven = Object.keys(patch).length === 0;
    const actor = nothingGiven ? found : await code42.actors.update(found.actorId, patch);
    const context = { ...(await profileContext(code42, actor)), Success: true };
    const metadata = nothingGiven ? 'No start_date, end_date or notes were given; nothing changed.' : undefined;
    return profileResult('Code42 User Risk Profile Updated', context, actor, { headers: ['Success'], metadata });
  },
});
