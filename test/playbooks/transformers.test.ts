// Transformers, each with XSOAR's semantics: item-wise ones over every item of a list, whole-list ones over
// the list, nothing staying nothing; the scripts' cases come from their own tests in demisto/content.
import fc from 'fast-check';
import { isSupportedTransformer, SUPPORTED_TRANSFORMERS, transform, transformerArguments } from '../../src/playbooks/transformers';
import { PlaybookError } from '../../src/playbooks/types';

type Case = [name: string, value: unknown, args: Record<string, unknown>, expected: unknown];

// Titles are built here: a formatter such as "%d/%m/%Y" must not meet jest's printf placeholders.
const cases = (rows: Case[]) =>
  test.each(rows.map(([name, value, args, expected]) => ({ title: `${name}(${JSON.stringify(value)}, ${JSON.stringify(args)}) is ${JSON.stringify(expected)}`, name, value, args, expected })))(
    '$title',
    ({ name, value, args, expected }) => expect(transform(name, value, args)).toEqual(expected),
  );

const refused = (name: string, value: unknown, args: Record<string, unknown>, message: string) =>
  expect(() => transform(name, value, args)).toThrow(new PlaybookError(message));

describe('string transformers apply to each item', () => {
  cases([
    ['toUpperCase', 'flight_risk', {}, 'FLIGHT_RISK'],
    ['toUpperCase', ['a', 'b', 'c'], {}, ['A', 'B', 'C']],
    ['toUpperCase', undefined, {}, undefined],
    ['toUpperCase', 42, {}, '42'],
    ['toLowerCase', 'ABC', {}, 'abc'],
    ['toLowerCase', ['A', 'b'], {}, ['a', 'b']],
    ['trim', ' a ', {}, 'a'],
    ['concat', 'id', { prefix: '<', suffix: '>' }, '<id>'],
    ['concat', ['a', 'b'], { suffix: '!' }, ['a!', 'b!']],
    ['split', 'a,b', {}, ['a', 'b']],
    ['split', 'a', {}, 'a'],
    ['split', ['a|b', 'c'], { delimiter: '|' }, ['a', 'b', 'c']],
    ['split', 'a, b ,c', { delimiter: ',' }, ['a', ' b ', 'c']],
    ['splitAndTrim', 'a, b ,c', { delimiter: ',' }, ['a', 'b', 'c']],
    ['splitAndTrim', [' x ; y', 'z '], { delimiter: ';' }, ['x', 'y', 'z']],
    ['substring', 'Code42 Incydr', { from: '0', to: '6' }, 'Code42'],
    ['substring', 'Code42 Incydr', { from: 7 }, 'Incydr'],
    ['substring', 'abc', { from: 1, to: 99 }, 'bc'],
    ['substring', 'abc', { from: 2, to: 1 }, ''],
    ['substringFrom', 'abcdef', { from: '3' }, 'def'],
    ['substringTo', 'abcdef', { to: '3' }, 'abc'],
    ['replace', 'a-b-c', { toReplace: '-', replaceWith: '_' }, 'a_b_c'],
    ['replace', 'a-b', { toReplace: '-' }, 'ab'],
    ['replace', 'abc', { toReplace: '' }, 'abc'],
    ['replace', ['a.b', 'c.d'], { toReplace: '.', replaceWith: '' }, ['ab', 'cd']],
    ['replaceMatch', 'user=john', { regex: 'user=(\\w+)', replaceWith: 'name=$1' }, 'name=john'],
    ['replaceMatch', 'user=john', { regex: 'user=(?P<u>\\w+)', replaceWith: 'name=${u}' }, 'name=john'],
    ['replaceMatch', 'AbAb', { regex: '(?i)ab', replaceWith: 'x' }, 'xx'],
  ]);

  test('an object is no text for a string transformer (XSOAR: {"some": "object"} To upper case => Error)', () =>
    refused('toUpperCase', { some: 'object' }, {}, 'The toUpperCase transformer works on text, not on {"some":"object"}.'));

  test('substring needs whole-number indexes', () => refused('substring', 'abc', { from: 'one' }, 'The substring transformer needs a whole number for "from", not "one".'));
});

describe('Cut (Cut.js): 1-based fields of the text split by the delimiter', () => {
  cases([
    ['Cut', 'A-B-C-D-E', { delimiter: '-', fields: '1,5' }, 'A-E'],
    ['Cut', 'A-B-C-D-E', { delimiter: '-', fields: ['2', '3'] }, 'B-C'],
    ['Cut', 'abc', { delimiter: "''", fields: '3,1' }, 'ca'],
    ['Cut', ['a.b', 'c.d'], { delimiter: '.', fields: '2' }, ['b', 'd']],
  ]);

  test('a field beyond the text is one sentence', () => refused('Cut', 'A-B', { delimiter: '-', fields: '3' }, 'The Cut transformer has no field 3: the text has 2 fields.'));
  test('fields must be numbers from 1', () => refused('Cut', 'A-B', { delimiter: '-', fields: '0' }, 'The Cut transformer needs "fields" as comma-separated field numbers from 1, not "0".'));
  test('the delimiter is required', () => refused('Cut', 'A-B', { fields: '1' }, 'The Cut transformer needs the argument "delimiter".'));
});

describe('SetIfEmpty, MapValuesTransformer, ExtractInbetween, ReverseList (their scripts and tests)', () => {
  cases([
    ['SetIfEmpty', 'validString', { defaultValue: 'defaultValue' }, 'validString'],
    ['SetIfEmpty', 0, { defaultValue: 'defaultValue' }, 0],
    ['SetIfEmpty', '', { defaultValue: 'defaultValue' }, 'defaultValue'],
    ['SetIfEmpty', '', { defaultValue: 'defaultValue', applyIfEmpty: 'false' }, ''],
    ['SetIfEmpty', {}, { defaultValue: 'defaultValue' }, 'defaultValue'],
    ['SetIfEmpty', undefined, { defaultValue: 'defaultValue', applyIfEmpty: 'false' }, 'defaultValue'],
    ['SetIfEmpty', [''], { defaultValue: 'defaultValue' }, 'defaultValue'],
    ['SetIfEmpty', ['Null'], { defaultValue: 'test' }, 'test'],
    ['SetIfEmpty', ['None'], {}, []],
    ['SetIfEmpty', ['a', ''], { defaultValue: 'x' }, ['a', '']],
    ['MapValuesTransformer', '3', { input_values: '1,2,3,4', mapped_values: '4,3,2,1' }, '2'],
    ['MapValuesTransformer', 7, { input_values: '1,2', mapped_values: 'a,b' }, '7'],
    ['MapValuesTransformer', ['1', '2', '5'], { input_values: '1,2', mapped_values: 'one,two' }, ['one', 'two', '5']],
    ['MapValuesTransformer', 'true', { input_values: 'True', mapped_values: 'yes' }, 'yes'],
    ['MapValuesTransformer', { firstkey: 'datahere' }, { input_values: 'firstkey: datahere,secondkey: datathere', mapped_values: 'datathere,datahere' }, '{"firstkey": "datathere"}'],
    ['ExtractInbetween', 'user=<bob> at <host>', { from: '<', to: '>' }, 'bob> at <host'],
    ['ExtractInbetween', 'id: 42; end', { from: 'id: ', to: '; end' }, '42'],
    ['ExtractInbetween', 'no markers', { from: '[', to: ']' }, 'no markers'],
    ['ReverseList', ['a', 'b', 'c'], {}, ['c', 'b', 'a']],
    ['ReverseList', 'a', {}, 'a'],
    ['ConvertToSingleElementArray', 'a', {}, ['a']],
    ['ConvertToSingleElementArray', ['a', 'b'], {}, ['a', 'b']],
    ['ConvertToSingleElementArray', '', {}, []],
    ['ConvertToSingleElementArray', undefined, {}, []],
    // RegexGroups_test.py's cases: the groups of the first match, picked by index, named by keys.
    ['RegexGroups', 'The quick brown fox', { regex: '(The)\\s(quick).*(fox)' }, ['The', 'quick', 'fox']],
    ['RegexGroups', 'The quick brown fox', { regex: '(The)\\s(quick).*(fox)', groups: '0,2' }, ['The', 'fox']],
    ['RegexGroups', 'The quick brown fox', { regex: '(The)\\s(quick).*(fox)', groups: '0,1', keys: 'article,adjective' }, { article: 'The', adjective: 'quick' }],
    ['RegexGroups', 'THE quick', { regex: '(the)', flags: 'i' }, 'THE'],
    ['RegexGroups', 'no match', { regex: '(x)' }, ''],
    ['RegexGroups', 'The fox', { regex: '(The)', groups: '3' }, ''],
    ['RegexGroups', 'The fox', { regex: '(' }, ''],
  ]);

  test('MapValuesTransformer needs lists of the same length', () =>
    refused('MapValuesTransformer', 'a', { input_values: 'a,b', mapped_values: 'x' }, 'The MapValuesTransformer transformer needs as many mapped_values as input_values (1 and 2).'));
});

describe('RegexExtractAll (re.findall) and RegexReplace (re.sub)', () => {
  cases([
    ['RegexExtractAll', 'mail bob@x.com and amy@y.org', { regex: '\\w+@[\\w.]+' }, ['bob@x.com', 'amy@y.org']],
    ['RegexExtractAll', 'a1 b2', { regex: '([a-z])(\\d)' }, [['a', '1'], ['b', '2']]],
    ['RegexExtractAll', 'a1 b2', { regex: '([a-z])(\\d)', unpack_matches: 'true' }, ['a', '1', 'b', '2']],
    ['RegexExtractAll', 'id=7 id=9', { regex: 'id=(\\d)' }, ['7', '9']],
    ['RegexExtractAll', 'ABC', { regex: 'b', ignore_case: 'true' }, 'B'],
    ['RegexExtractAll', 'ABC', { regex: 'x' }, []],
    ['RegexExtractAll', ['k=1', 'k=2'], { regex: 'k=(\\d)' }, ['1', '2']],
    ['RegexExtractAll', 'a\nb', { regex: '^b', multi_line: 'true' }, 'b'],
    ['RegexReplace', 'user=john', { regex: 'user=(.*)', output_format: 'name=\\1' }, 'name=john'],
    ['RegexReplace', 'xxx=yyy', { regex: 'user=(.*)', output_format: 'name=\\1' }, 'xxx=yyy'],
    ['RegexReplace', 'a-b', { regex: '(?P<l>\\w)-(?P<r>\\w)', output_format: '\\g<r>-\\g<l> (\\0)' }, 'b-a (a-b)'],
    ['RegexReplace', 'A1 a2', { regex: 'a(\\d)', output_format: '<\\1>', ignore_case: 'true' }, '<1> <2>'],
  ]);

  test('error_if_no_match turns no match into an error', () =>
    refused('RegexExtractAll', 'abc', { regex: 'x', error_if_no_match: 'true' }, 'The RegexExtractAll transformer found no match of "x".'));
  test('a bad pattern is one sentence naming it', () =>
    expect(() => transform('RegexExtractAll', 'abc', { regex: '(' })).toThrow(/^The regular expression "\(" of the RegexExtractAll transformer is not valid: .+\.$/));
  test('a template naming a group the pattern lacks is one sentence', () =>
    refused('RegexReplace', 'ab', { regex: '(a)', output_format: '\\2' }, 'The template "\\2" refers to group 2, which the regular expression does not have.'));
  test('flags must be true or false', () => refused('RegexExtractAll', 'a', { regex: 'a', ignore_case: 'maybe' }, 'The RegexExtractAll transformer needs "true" or "false" for "ignore_case", not "maybe".'));
});

describe('date transformers', () => {
  // DateStringToISOFormat_test.py's table, argument for argument (dayfirst, yearfirst, fuzzy, add_utc_timezone).
  test.each([
    ['05-11-2929', 'true', 'true', 'true', 'true', '2929-11-05T00:00:00+00:00'],
    ['05-11-2929', 'true', 'false', 'false', 'false', '2929-11-05T00:00:00'],
    ['05-11-2929', 'false', 'true', 'true', 'false', '2929-05-11T00:00:00'],
    ['2020-06-11T17:34:35.754203+03:00', 'true', 'false', 'true', 'true', '2020-11-06T17:34:35.754203+03:00'],
    ['2020-06-11T17:34:35.754203+03:00', 'false', 'false', 'false', 'false', '2020-06-11T17:34:35.754203+03:00'],
    ['June 21st 2020 Eastern Standard Time', 'true', 'false', 'true', 'true', '2020-06-21T00:00:00+00:00'],
    ['June 21st 2020 Eastern Standard Time', 'true', 'false', 'false', 'true', 'June 21st 2020 Eastern Standard Time'],
    ['The 1st of June 2020', 'false', 'false', 'true', 'false', '2020-06-01T00:00:00'],
    ['The 1st of June 2020', 'false', 'false', 'false', 'false', 'The 1st of June 2020'],
    ['2020-06-11T17:34:35.754Z', 'false', 'false', 'false', 'true', '2020-06-11T17:34:35.754000+00:00'],
    ['2020-06-11T17:34:35.754Z', 'true', 'true', 'true', 'true', '2020-11-06T17:34:35.754000+00:00'],
    ['Fri, 20 Nov 2020 11:41:42', 'true', 'false', 'true', 'true', '2020-11-20T11:41:42+00:00'],
    ['Fri, 20 Nov 2020 11:41:42', 'false', 'false', 'false', 'false', '2020-11-20T11:41:42'],
  ])('DateStringToISOFormat(%j, dayfirst %s, yearfirst %s, fuzzy %s, add_utc_timezone %s) is %j', (value, dayfirst, yearfirst, fuzzy, utc, expected) => {
    expect(transform('DateStringToISOFormat', value, { dayfirst, yearfirst, fuzzy, add_utc_timezone: utc })).toBe(expected);
  });

  cases([
    ['DateStringToISOFormat', 'Today is January 1, 2047 at 8:21:00AM', {}, '2047-01-01T08:21:00'],
    ['DateStringToISOFormat', 'Tue, 02 Jan 2019 15:04:05 MST', {}, '2019-01-02T15:04:05-07:00'],
    ['DateStringToISOFormat', '2019-01-13', {}, '2019-01-13T00:00:00'],
    ['DateStringToISOFormat', ['01/02/2020', 'not a date'], { dayfirst: 'false' }, ['2020-01-02T00:00:00', 'not a date']],
    ['DateStringToISOFormat', undefined, {}, undefined],
    // ModifyDateTime_test.py's cases; a bare amount and "-15m" are earlier, "in" is later.
    ['ModifyDateTime', '2020/01/01', { variation: 'in 1 day' }, '2020-01-02T00:00:00'],
    ['ModifyDateTime', '2020/01/01', { variation: 'yesterday' }, '2019-12-31T00:00:00'],
    ['ModifyDateTime', '2020/01/01', { variation: 'next month' }, '2020-02-01T00:00:00'],
    ['ModifyDateTime', '2020-01-01T01:30:00', { variation: '-15m' }, '2020-01-01T01:15:00'],
    ['ModifyDateTime', '2020-01-01T01:30:00', { variation: '15m' }, '2020-01-01T01:15:00'],
    ['ModifyDateTime', '2020-01-01T10:00:00Z', { variation: 'in 15m' }, '2020-01-01T10:15:00+00:00'],
    ['ModifyDateTime', '2020-01-01T01:30:00-04:00', { variation: '15m' }, '2020-01-01T01:15:00-04:00'],
    ['ModifyDateTime', '2020-03-31T00:00:00', { variation: '1 month ago' }, '2020-02-29T00:00:00'],
    ['ModifyDateTime', '2020-01-01T00:00:00', { variation: 'in 1 day 2 hours' }, '2020-01-02T02:00:00'],
    ['FormattedDateToEpoch', '2020-01-01T00:00:00Z', {}, 1577836800],
    ['FormattedDateToEpoch', '2020-01-01T02:00:00+02:00', {}, 1577836800],
    ['FormattedDateToEpoch', '01/01/2020 00:00', { formatter: '%d/%m/%Y %H:%M' }, 1577836800],
    ['FormattedDateToEpoch', 'Jan 1 2020 +0100', { formatter: '%b %d %Y %z' }, 1577833200],
    ['TimeStampToDate', '1577836800', {}, '2020-01-01T00:00:00.000Z'],
    ['TimeStampToDate', 1577836800123, {}, '2020-01-01T00:00:00.123Z'],
    ['TimeStampToDate', ['0', '60'], {}, ['1970-01-01T00:00:00.000Z', '1970-01-01T00:01:00.000Z']],
  ]);

  test('ModifyDateTime refuses a variation it cannot read', () =>
    refused('ModifyDateTime', '2020-01-01', { variation: 'sometime' }, 'The ModifyDateTime transformer cannot read the variation "sometime"; write e.g. "in 1 day", "3 hours ago" or "-15m".'));
  test('ModifyDateTime refuses a value that is no date', () => refused('ModifyDateTime', 'soon', { variation: '1 day' }, 'The ModifyDateTime transformer cannot read "soon" as a date.'));
  test('FormattedDateToEpoch refuses text its formatter does not fit', () =>
    refused('FormattedDateToEpoch', '2020-01-01', { formatter: '%d/%m/%Y' }, 'The FormattedDateToEpoch transformer cannot read "2020-01-01" with the format "%d/%m/%Y".'));
  test('FormattedDateToEpoch names a directive it does not know', () =>
    refused('FormattedDateToEpoch', 'x', { formatter: '%Q' }, 'The FormattedDateToEpoch formatter "%Q" uses %Q, which is not supported; use %Y %y %m %d %H %I %M %S %f %p %b %B %a %A %z %j.'));
  test('TimeStampToDate needs an epoch', () => refused('TimeStampToDate', 'never', {}, 'The TimeStampToDate transformer needs an epoch time, not "never".'));
});

describe('general and list transformers', () => {
  cases([
    ['count', ['a', 'b'], {}, 2],
    ['count', undefined, {}, 0],
    ['count', 'a', {}, 1],
    ['uniq', ['a', 'b', 'a'], {}, ['a', 'b']],
    ['uniq', ['a', 'a'], {}, 'a'],
    ['uniq', ['1', 1, { a: 1 }, { a: 1 }], {}, ['1', 1, { a: 1 }]],
    ['uniq', 'a', {}, 'a'],
    ['sort', ['b', 'C', 'a'], {}, ['C', 'a', 'b']],
    ['sort', ['10', '9', 100], {}, ['9', '10', 100]],
    ['sort', ['a', 'c', 'b'], { descending: 'true' }, ['c', 'b', 'a']],
    ['sort', undefined, {}, undefined],
    ['join', ['a', 'b'], { separator: '; ' }, 'a; b'],
    ['join', ['a', 'b'], {}, 'a,b'],
    ['join', 'a', {}, 'a'],
    ['join', undefined, {}, undefined],
    ['atIndex', ['a', 'b', 'c'], { index: '1' }, 'b'],
    ['atIndex', ['a', 'b', 'c'], { index: -1 }, 'c'],
    ['atIndex', ['a'], { index: 5 }, undefined],
    ['slice', ['a', 'b', 'c', 'd'], { from: 1, to: 3 }, ['b', 'c']],
    ['FirstArrayElement', ['a', 'b'], {}, 'a'],
    ['FirstArrayElement', 'only', {}, 'only'],
    ['LastArrayElement', ['a', 'b'], {}, 'b'],
    ['LastArrayElement', undefined, {}, undefined],
    ['getField', { user: { name: 'bob' } }, { field: 'user.name' }, 'bob'],
    ['getField', [{ id: 1 }, { id: 2 }, { other: 3 }], { field: 'id' }, [1, 2]],
    ['Stringify', { a: [1, 'x'] }, {}, '{"a":[1,"x"]}'],
    ['Stringify', ['a', 'b'], {}, '["a","b"]'],
    ['Stringify', 'text', {}, 'text'],
    ['Stringify', true, {}, 'true'],
    ['StringifyArray', ['a'], {}, '["a"]'],
  ]);

  test('atIndex needs a whole-number index', () => refused('atIndex', ['a'], { index: 'first' }, 'The atIndex transformer needs a whole number for "index", not "first".'));
  test('getField needs a field', () => refused('getField', { a: 1 }, {}, 'The getField transformer needs the argument "field".'));
});

describe('If-Then-Else (IfThenElse.js)', () => {
  cases([
    ['If-Then-Else', 'x', { condition: 'lhs==rhs', lhs: 'a', rhs: 'a', then: 'yes', else: 'no' }, 'yes'],
    ['If-Then-Else', 'x', { condition: 'lhs==rhs', lhs: 'a', rhs: 'A', then: 'yes', else: 'no' }, 'no'],
    ['If-Then-Else', 'x', { condition: 'lhs==rhs', lhs: 'a', rhs: 'A', options: 'case_insensitive', then: 'yes', else: 'no' }, 'yes'],
    ['If-Then-Else', 'HIGH', { condition: 'value in list rhs', rhs: 'HIGH, CRITICAL', then: 'escalate', else: 'wait' }, 'escalate'],
    ['If-Then-Else', 'LOW', { condition: 'value not in list rhs', rhs: 'HIGH,CRITICAL', then: 'wait', else: 'escalate' }, 'wait'],
    ['If-Then-Else', 'bob@example.com', { condition: 'value=~rhs', rhs: '@example\\.com$', then: 'internal', else: 'external' }, 'internal'],
    ['If-Then-Else', 'ab', { condition: 'value=~rhs', rhs: 'a', options: 'regex_full_match', then: 'full', else: 'partial' }, 'partial'],
    ['If-Then-Else', '5', { condition: 'value>rhs', rhs: '40', then: 'bigger', else: 'not bigger' }, 'bigger'],
    ['If-Then-Else', 'x', { condition: 'lhs===rhs', lhs: 'a', rhs: 'a', lhsB: 'b', rhsB: 'c', conditionB: 'lhsB==rhsB', then: 'both', else: 'not both' }, 'not both'],
    ['If-Then-Else', 'x', { condition: 'lhs===rhs', lhs: 'a', rhs: 'a', lhsB: 'b', rhsB: 'c', conditionB: 'lhsB==rhsB', conditionInBetween: 'or', then: 'either', else: 'neither' }, 'either'],
    ['If-Then-Else', 'x', { condition: 'lhs==rhs', lhs: 'a', rhs: 'b', then: 'yes' }, ''],
    ['If-Then-Else', 'v', { condition: 'lhs==rhs', lhs: 'a', rhs: 'a', then: 'ignored', options: 'input_data_type:then=value' }, 'v'],
    ['If-Then-Else', 'v', { condition: 'lhs==rhs', lhs: 'a', rhs: 'a', then: '{"k": [1]}', options: 'input_data_type:then=json' }, { k: [1] }],
    ['If-Then-Else', ['a', 'b'], { condition: 'value==rhs', rhs: 'a', then: 'A', else: 'other' }, ['A', 'other']],
  ]);

  test('a condition naming no argument is one sentence', () =>
    refused('If-Then-Else', 'x', { condition: 'left==rhs', rhs: 'b' }, 'The If-Then-Else transformer cannot read the condition "left==rhs".'));
  test('an operator the script lacks is one sentence', () =>
    refused('If-Then-Else', 'x', { condition: 'lhs<>rhs', lhs: 'a', rhs: 'b' }, 'The If-Then-Else transformer does not know the operator "<>".'));
  test('the legacy equals argument in a condition is refused as the script refuses it', () =>
    refused('If-Then-Else', 'x', { condition: 'value==equals' }, 'The If-Then-Else transformer no longer takes "equals" in condition; compare lhs with rhs instead.'));
});

describe('support', () => {
  test('an unsupported transformer is one sentence naming it', () => refused('Base64Encode', 'x', {}, 'The transformer "Base64Encode" is not supported.'));

  test('the list of supported transformers holds the common set', () => {
    const common = ['RegexGroups', 'ConvertToSingleElementArray', 'SetIfEmpty', 'MapValuesTransformer', 'ExtractInbetween', 'ReverseList', 'toUpperCase', 'toLowerCase', 'split', 'splitAndTrim', 'join', 'Cut', 'substring', 'replace', 'RegexExtractAll', 'RegexReplace', 'DateStringToISOFormat', 'ModifyDateTime', 'FormattedDateToEpoch', 'TimeStampToDate', 'getField', 'Stringify', 'count', 'uniq', 'sort', 'FirstArrayElement', 'LastArrayElement', 'If-Then-Else'];
    expect(common.filter((name) => !isSupportedTransformer(name))).toEqual([]);
    expect(SUPPORTED_TRANSFORMERS).toEqual([...SUPPORTED_TRANSFORMERS].sort());
    expect(isSupportedTransformer('toString')).toBe(false);
  });

  test('each transformer names the arguments it takes', () => {
    expect(transformerArguments('split')).toEqual(['delimiter']);
    expect(transformerArguments('count')).toEqual([]);
    expect(transformerArguments('Base64Encode')).toBeUndefined();
  });

  test('an argument a transformer does not take is ignored, as XSOAR ignores it', () => expect(transform('split', 'a,b', { delimeter: ';' })).toEqual(['a', 'b']));
});

describe('laws', () => {
  const words = fc.array(fc.string(), { maxLength: 8 });

  test('toUpperCase and toLowerCase are idempotent, item by item', () =>
    fc.assert(
      fc.property(words, (items) => {
        for (const name of ['toUpperCase', 'toLowerCase']) expect(transform(name, transform(name, items, {}), {})).toEqual(transform(name, items, {}));
      }),
    ));

  test('join then split with the same delimiter gives the items back', () =>
    fc.assert(
      fc.property(fc.array(fc.string().filter((item) => !item.includes('|')), { minLength: 2, maxLength: 8 }), (items) => {
        expect(transform('split', transform('join', items, { separator: '|' }), { delimiter: '|' })).toEqual(items);
      }),
    ));

  test('split then join with the same delimiter gives the text back', () =>
    fc.assert(fc.property(fc.string(), fc.constantFrom(',', ';', '--'), (text, delimiter) => expect(transform('join', transform('split', text, { delimiter }), { separator: delimiter })).toBe(text))));

  test('uniq and sort are idempotent, and neither changes the count of distinct items', () =>
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 20 })), { minLength: 2, maxLength: 12 }), (items) => {
        const once = transform('uniq', items, {});
        expect(transform('uniq', once, {})).toEqual(once);
        const sorted = transform('sort', items, {});
        expect(transform('sort', sorted, {})).toEqual(sorted);
        expect(transform('count', transform('uniq', sorted, {}), {})).toBe(transform('count', once, {}));
      }),
    ));

  test('TimeStampToDate and FormattedDateToEpoch are inverse on epoch seconds', () =>
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => expect(transform('FormattedDateToEpoch', transform('TimeStampToDate', String(seconds), {}), {})).toBe(seconds))));

  test('DateStringToISOFormat (month first) reads back its own output unchanged', () =>
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }), fc.integer({ min: -12 * 60, max: 14 * 60 }), (date, offset) => {
        const once = transform('DateStringToISOFormat', `${date.toISOString().slice(0, 19)}+${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`, { dayfirst: 'false' });
        expect(transform('DateStringToISOFormat', once, { dayfirst: 'false' })).toBe(once);
      }),
    ));

  test('ModifyDateTime by "in N hours" then "N hours ago" comes back to the start', () =>
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2999-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 100_000 }), (date, hours) => {
        const start = date.toISOString().slice(0, 19);
        const later = transform('ModifyDateTime', start, { variation: `in ${hours} hours` });
        expect(transform('ModifyDateTime', later, { variation: `${hours} hours ago` })).toBe(start);
      }),
    ));
});
