// What a Code42 playbook needs besides the integration's commands: the XSOAR built-in commands
// `setIncident` and `closeInvestigation`, and the automations Print, Set, DeleteContext,
// AssignAnalystToIncident and IsIntegrationAvailable (a condition script: its answer is "yes" or "no").
import { parseYesNo } from '../values';
import { type Entry, resultToEntry } from '../xsoar/entry';
import { type Context, deleteContextValue, setContextValue } from './context';
import { asText, joinedText } from './dt-path';
import { closeIncident, type Incident, setIncidentFields } from './incident';
import { PlaybookError } from './types';

export interface BuiltinState {
  context: Context;
  incident: Incident;
  now(): Date;
  /** Whether an integration of this brand is there: ours, or one the mocks stand for. */
  isAvailable(brand: string): boolean;
}

type Builtin = (args: Record<string, unknown>, state: BuiltinState) => Entry[];

const note = (text: string): Entry => resultToEntry({ readable: text, raw: text });

/** `yes`/`true` as XSOAR's argToBoolean reads them. */
const isYes = (value: unknown): boolean => parseYesNo(value) === true;

function required(args: Record<string, unknown>, name: string, builtin: string): unknown {
  const value = args[name];
  if (value === undefined || value === '') throw new PlaybookError(`${builtin} needs the argument "${name}".`);
  return value;
}

/**
 * The other incident an `id` argument names, if any. A run has one incident; a playbook that changes another
 * one (a job closing the incidents it found) changes nothing of the run's incident, and its entry says so.
 */
function otherIncident(args: Record<string, unknown>, incident: Incident): string | undefined {
  const id = args.id === undefined ? '' : asText(args.id).trim();
  return id !== '' && id !== asText(incident.id) ? id : undefined;
}

const elsewhere = (id: string, what: string): Entry => note(`${what} incident ${id}: the runner holds only the incident of this run, so nothing of it changed.`);

/** Builtin commands, run as `Builtin|||<name>`. */
export const BUILTIN_COMMANDS: Record<string, Builtin> = {
  setIncident(args, { incident }) {
    const other = otherIncident(args, incident);
    if (other !== undefined) return [elsewhere(other, 'Set the fields of')];
    // `id` says which incident to change, not a field to set.
    setIncidentFields(incident, Object.fromEntries(Object.entries(args).filter(([name]) => name !== 'id')));
    return [];
  },
  closeInvestigation(args, { incident, now }) {
    const other = otherIncident(args, incident);
    if (other !== undefined) return [elsewhere(other, 'Closed')];
    const reason = args.closeReason === undefined ? undefined : asText(args.closeReason);
    const notes = args.closeNotes === undefined ? undefined : asText(args.closeNotes);
    closeIncident(incident, reason, notes, now());
    return [note(reason ? `Incident closed: ${reason}.` : 'Incident closed.')];
  },
};

/** Automations, run as `scriptName: <name>`. */
export const BUILTIN_SCRIPTS: Record<string, Builtin> = {
  Print(args) {
    return [note(joinedText(required(args, 'value', 'Print')))];
  },
  Set(args, { context }) {
    const key = asText(required(args, 'key', 'Set'));
    // Set without a value writes an empty value, as XSOAR's Set does.
    setContextValue(context, key, args.value ?? '', isYes(args.append));
    return [note(`Set the context key ${key}.`)];
  },
  AssignAnalystToIncident(args, { incident }) {
    // The runner has no XSOAR users to pick from (assignBy, roles): only a username given names an owner.
    const username = args.username === undefined ? '' : asText(args.username).trim();
    if (username === '') return [note('No analyst assigned: the runner has no XSOAR users to choose from; give username to assign one.')];
    setIncidentFields(incident, { owner: username });
    return [note(`Assigned the incident to ${username}.`)];
  },
  IsIntegrationAvailable(args, { isAvailable }) {
    const brand = asText(required(args, 'brandname', 'IsIntegrationAvailable')).trim();
    const answer = isAvailable(brand) ? 'yes' : 'no';
    return [resultToEntry({ readable: answer, raw: answer })];
  },
  DeleteContext(args, { context }) {
    if (isYes(args.all)) {
      for (const key of Object.keys(context)) delete context[key];
      return [note('Deleted the whole context.')];
    }
    const key = asText(required(args, 'key', 'DeleteContext'));
    deleteContextValue(context, key);
    return [note(`Deleted the context key ${key}.`)];
  },
};
