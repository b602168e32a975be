// Argument declarations that several commands share. The descriptions are part of the XSOAR contract
// (seed 003, integration.yml): a command whose wording differs passes its own.

/** A required text argument: a username, an ID, a name. */
export const requiredString = (description: string) => ({ type: 'string', required: true, description }) as const;

/** An optional calendar date written YYYY-MM-DD. */
export const dateArg = (description: string) => ({ type: 'string', format: 'date', description }) as const;

/** How many items a search returns: a whole number from 1, 50 unless given. */
export const resultsArg = (description: string) => ({ type: 'number', integer: true, minimum: 1, defaultValue: 50, description }) as const;

/** `results` of the employee-list get-all commands. */
export const LIST_RESULTS = resultsArg('The number of items to return.');

/** `filtertype` of the employee-list get-all commands: the filters that list knows, OPEN unless given. */
export const filterTypeArg = <const P extends readonly string[]>(predefined: P) =>
  ({ type: 'string', predefined, defaultValue: 'OPEN', description: 'Filters the results based on specific filters.' }) as const;
