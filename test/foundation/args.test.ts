// XSOAR string arguments: coercion per declaration and one-sentence errors (xsoar-conventions §2.7).
import { ArgumentError, argToList, compileArgs } from '../../src/xsoar/args';

const args = compileArgs({
  id: { type: 'string', description: 'Alert id.', required: true },
  results: { type: 'number', description: 'How many.', integer: true, minimum: 1, maximum: 200, defaultValue: 50 },
  score: { type: 'number', description: 'A score.' },
  flag: { type: 'boolean', description: 'A flag.' },
  state: { type: 'string', description: 'State.', predefined: ['OPEN', 'RESOLVED', 'PENDING'] },
  severities: { type: 'list', description: 'Severities.', predefined: ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'] },
  tags: { type: 'list', description: 'Tags.' },
  departure_date: { type: 'string', description: 'Departure date.', format: 'date' },
  end_date: { type: 'string', description: 'End date, or empty to clear it.', format: 'date-or-empty' },
  note: { type: 'string', description: 'A note.' },
});

/** The ArgumentError a parse throws, so a test can assert its exact sentence and argument. */
function failure(input: Record<string, unknown>): ArgumentError {
  try {
    args.parse(input);
  } catch (error) {
    if (error instanceof ArgumentError) return error;
    throw error;
  }
  throw new Error('parse accepted the arguments');
}

describe('argument coercion', () => {
  test.each([
    ['true', true],
    ['TRUE', true],
    ['Yes', true],
    ['yes', true],
    ['false', false],
    ['False', false],
    ['NO', false],
    ['no', false],
  ])('boolean %j becomes %j', (text, value) => {
    expect(args.parse({ id: 'a', flag: text }).flag).toBe(value);
  });

  test('numbers are read from their text, integers and decimals', () => {
    expect(args.parse({ id: 'a', results: '25', score: '-1.5' })).toMatchObject({ results: 25, score: -1.5 });
  });

  test('a comma list is split and trimmed', () => {
    expect(args.parse({ id: 'a', tags: 'a, b ,c' }).tags).toEqual(['a', 'b', 'c']);
  });

  test('a JSON array is read as a list', () => {
    expect(args.parse({ id: 'a', tags: '["x, y", "z"]' }).tags).toEqual(['x, y', 'z']);
    expect(argToList('[1, 2]')).toEqual([1, 2]);
  });

  test('enum values match case-sensitively', () => {
    expect(args.parse({ id: 'a', state: 'RESOLVED', severities: 'HIGH,LOW' })).toMatchObject({ state: 'RESOLVED', severities: ['HIGH', 'LOW'] });
  });

  test('defaults fill arguments that were not given', () => {
    expect(args.parse({ id: 'a' })).toEqual({ id: 'a', results: 50 });
  });

  test('an empty value is treated as not given', () => {
    expect(args.parse({ id: 'a', results: '', flag: '', state: '', tags: '', note: '' })).toEqual({ id: 'a', results: 50 });
  });

  test('an empty value for a required argument is a missing argument', () => {
    expect(failure({ id: '' }).message).toBe('Missing required argument "id": expected a text value.');
  });

  test('a real calendar date is accepted, including a leap day', () => {
    expect(args.parse({ id: 'a', departure_date: '2024-02-29' }).departure_date).toBe('2024-02-29');
  });

  test('a date-or-empty argument keeps "" as a value of its own', () => {
    expect(args.parse({ id: 'a', end_date: '' }).end_date).toBe('');
  });
});

describe('bad arguments: one sentence naming the argument and what it accepts', () => {
  test('a missing required argument', () => {
    const error = failure({ results: '5' });
    expect(error.argument).toBe('id');
    expect(error.message).toBe('Missing required argument "id": expected a text value.');
  });

  test('an unknown argument', () => {
    const error = failure({ id: 'a', colour: 'red' });
    expect(error.argument).toBe('colour');
    expect(error.message).toBe(
      'Unknown argument "colour": accepted arguments are id, results, score, flag, state, severities, tags, departure_date, end_date, note.',
    );
  });

  test('a number argument given text', () => {
    expect(failure({ id: 'a', results: 'many' }).message).toBe('Invalid value "many" for argument "results": expected a whole number from 1 to 200.');
  });

  test('a whole-number argument given a decimal', () => {
    expect(failure({ id: 'a', results: '2.5' }).message).toBe('Invalid value 2.5 for argument "results": expected a whole number from 1 to 200.');
  });

  test('a number outside its range', () => {
    expect(failure({ id: 'a', results: '500' }).message).toBe('Invalid value 500 for argument "results": expected a whole number from 1 to 200.');
  });

  test('a boolean argument given something else', () => {
    expect(failure({ id: 'a', flag: 'maybe' }).message).toBe('Invalid value "maybe" for argument "flag": expected true, false, yes or no.');
  });

  test('a value outside the enum (the case of an allowed one does not matter)', () => {
    expect(failure({ id: 'a', state: 'opened' }).message).toBe('Invalid value "opened" for argument "state": expected one of OPEN, RESOLVED, PENDING.');
  });

  test('a list item outside the enum', () => {
    const error = failure({ id: 'a', severities: 'HIGH,Severe' });
    expect(error.argument).toBe('severities');
    expect(error.message).toBe('Invalid value "Severe" for argument "severities": expected a comma-separated list of LOW, MODERATE, HIGH, CRITICAL.');
  });

  test.each(['2023-02-30', '2023-13-01'])('the date %s, written YYYY-MM-DD but no real date, says it is not a date', (date) => {
    expect(failure({ id: 'a', departure_date: date }).message).toBe(`Invalid value "${date}" for argument "departure_date": it is not a date; expected a date written YYYY-MM-DD.`);
  });

  test.each(['2023-2-3', '01/02/2023'])('the date %s, not written YYYY-MM-DD, names the format', (date) => {
    expect(failure({ id: 'a', departure_date: date }).message).toBe(`Invalid value "${date}" for argument "departure_date": expected a date written YYYY-MM-DD.`);
  });
});
