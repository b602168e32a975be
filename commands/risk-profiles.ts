// User risk profiles (code42-api.md §7.1): read, and change start date, end date and notes.
// Context keeps Code42's `{year, month, day}` date objects, which the XSOAR Code42 pack's playbooks read
// as `EndDate.year` / `.month` / `.day`; the war room shows the same dates as YYYY-MM-DD.
import type { RiskProfile, RiskProfilePatch } from '../src/code42/api';
import { Code42Error } from '../src/code42/errors';
import { defineCommand, type OutputField } from '../src/command';
import { CommandError } from '../src/registry';
import type { CommandResult } from '../src/xsoar/entry';
import { tableToMarkdown } from '../src/xsoar/markdown';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { formatDateParts, toDateParts } from './_shared/dates';
import { lookupUser } from './_shared/users';

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
  };
}

const profileContext = (username: string, profile: RiskProfile) =>
  compact({ Username: username, StartDate: profile.startDate, EndDate: profile.endDate, Notes: profile.notes });

/** The profile as a table with YYYY-MM-DD dates; the context keeps the date objects. */
function profileResult(title: string, context: Record<string, unknown>, profile: RiskProfile, extraHeaders: string[] = []): CommandResult {
  const row = { ...context, StartDate: formatDateParts(profile.startDate), EndDate: formatDateParts(profile.endDate) };
  const readable = tableToMarkdown(title, row, { headers: ['Username', 'StartDate', 'EndDate', 'Notes', ...extraHeaders] });
  return { title, outputs: context, readable, raw: profile };
}

async function onProfile<T>(username: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Code42Error && (error.status === 404 || error.kind === 'not-found')) {
      throw new CommandError(`No risk profile found for user ${username}.`);
    }
    throw error;
  }
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
    const { userId } = await lookupUser(code42, username);
    const profile = await onProfile(username, () => code42.riskProfiles.get(userId));
    return profileResult('Code42 User Risk Profile', profileContext(username, profile), profile);
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
    key: 'Username',
    fields: {
      Username: { type: 'String', description: 'The user that was updated.' },
      ...profileFields(' after the update'),
      Success: { type: 'Boolean', description: 'If the risk profile update was successful.' },
    },
  },
  async handler({ code42 }, { username, start_date, end_date, notes }) {
    // Only what was given is changed; "" clears a field (sent as null).
    const patch: RiskProfilePatch = {};
    if (start_date !== undefined) patch.startDate = start_date === '' ? null : toDateParts(start_date);
    if (end_date !== undefined) patch.endDate = end_date === '' ? null : toDateParts(end_date);
    if (notes !== undefined) patch.notes = notes === '' ? null : notes;
    if (Object.keys(patch).length === 0) {
      throw new CommandError('Give at least one of start_date, end_date or notes (an empty value clears that field).');
    }
    const { userId } = await lookupUser(code42, username);
    const profile = await onProfile(username, () => code42.riskProfiles.update(userId, patch));
    const context = { ...profileContext(username, profile), Success: true };
    return profileResult('Code42 User Risk Profile Updated', context, profile, ['Success']);
  },
});
