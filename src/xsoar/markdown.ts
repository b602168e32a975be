// XSOAR's Python `tableToMarkdown` reproduced cell for cell (xsoar-conventions §2.5): playbook authors and
// the demisto-sdk docs generator compare against that exact text.
import { isEmptyValue, isObject as isPlainObject } from '../values';

export interface TableOptions {
  headers?: string | string[];
  removeNull?: boolean;
  headerTransform?: (header: string) => string;
  metadata?: string;
}

type Row = Record<string, unknown>;

// `stringEscapeMD(text, minimal_escaping=True, escape_multiline=True)`: \r\n, \r and \n each become <br>.
const escapeCell = (text: string): string => text.replace(/\r\n|\r|\n/g, '<br>').replace(/\|/g, '\\|').replace(/`/g, '\\`');

const defaultHeaderTransform = (header: string): string => escapeCell(header);

const PYTHON_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Python's `repr(str)`: single quotes unless the text holds ' and no ", control characters escaped. */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  // eslint-disable-next-line no-control-regex
  const body = text.replace(/[\\\x00-\x1f\x7f]/g, (c) => PYTHON_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** Python's repr of a JSON-like value, as `str(list_of_dicts)` prints it. */
function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value as Row).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}

/** Python's `json.dumps` default separators (", " and ": "), used for nested objects inside a dict cell. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** `flattenCell`: text as is; a list item by item (Python `str()` of each) joined by ",\n"; anything else as JSON. */
function flattenCell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : pythonRepr(item))).join(',\n');
  return pythonJson(value);
}

/** `formatCell` with the default flattening JsonTransformer: a dict is one `key: value` line per entry. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isPlainObject(value)) return Object.entries(value).map(([k, v]) => `${k}: ${flattenCell(v)}`).join('\n');
  return flattenCell(value);
}

/** The table as XSOAR receives it: JSON. Dates become ISO strings and objects with toJSON (redacted views) print that. */
const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function tableToMarkdown(name: string, data: unknown, options: TableOptions = {}): string {
  let out = name ? `### ${name}\n` : '';
  if (options.metadata) out += `${options.metadata}\n`;
  let headers = typeof options.headers === 'string' ? [options.headers] : options.headers;
  const table = asJson(data);

  if (table === null || table === undefined || (Array.isArray(table) && table.length === 0) || (isPlainObject(table) && Object.keys(table).length === 0)) {
    return `${out}**No entries.**\n`;
  }

  let rows: unknown[];
  if (isPlainObject(table) && (!headers || headers.length === 0) && Object.keys(table).length === 1) {
    // One key: its value is the table and the key its header (a list of dicts then shows empty cells, as in XSOAR).
    const [key] = Object.keys(table);
    headers = [key];
    rows = Array.isArray(table[key]) ? (table[key] as unknown[]) : [table[key]];
  } else {
    rows = Array.isArray(table) ? table : [table];
  }
  // XSOAR raises IndexError on a one-key dict holding an empty list; nothing to show is the useful answer.
  if (rows.length === 0) return `${out}**No entries.**\n`;

  if (!isPlainObject(rows[0])) {
    if (!headers || headers.length === 0) throw new Error('A table of plain values needs a header to name its column.');
    const column = headers[0];
    rows = rows.map((v) => ({ [column]: v }));
  }

  const objects = rows as Row[];
  let columns = headers && headers.length > 0 ? [...headers] : Object.keys(objects[0] ?? {}).sort();
  if (options.removeNull) columns = columns.filter((c) => !objects.every((row) => isEmptyValue(row[c])));
  if (columns.length === 0) return `${out}**No entries.**\n`;

  const transform = options.headerTransform ?? defaultHeaderTransform;
  out += `|${columns.map((c) => transform(c)).join('|')}|\n`;
  out += `|${columns.map(() => '---').join('|')}|\n`;
  for (const row of objects) {
    out += `| ${columns.map((c) => escapeCell(cellText(row[c]))).join(' | ')} |\n`;
  }
  return out;
}

/** `pascalToSpace`: `AlertID` -> `Alert ID`, `watchlistType` -> `Watchlist Type`. */
export function pascalToSpace(header: string): string {
  const spaced = header.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
