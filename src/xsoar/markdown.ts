// XSOAR's Python `tableToMarkdown` reproduced cell for cell (xsoar-conventions §2.5): playbook authors and
// the demisto-sdk docs generator compare against that exact text.

export interface TableOptions {
  headers?: string | string[];
  removeNull?: boolean;
  headerTransform?: (header: string) => string;
  metadata?: string;
}

type Row = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/\r?\n/g, '<br>');

const defaultHeaderTransform = (header: string): string => escapeCell(header);

/** Python's repr of a JSON-like value, as `str(list_of_dicts)` prints it. */
function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
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

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return pythonJson(value);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    const parts = value.map((item) => (isPlainObject(item) ? pythonRepr(item) : scalarText(item)));
    return parts.join(',\n');
  }
  if (isPlainObject(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${isPlainObject(v) || Array.isArray(v) ? pythonJson(v) : scalarText(v)}`)
      .join('\n');
  }
  return scalarText(value);
}

const isEmptyValue = (v: unknown): boolean =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);

export function tableToMarkdown(name: string, table: unknown, options: TableOptions = {}): string {
  let out = name ? `### ${name}\n` : '';
  if (options.metadata) out += `${options.metadata}\n`;
  let headers = typeof options.headers === 'string' ? [options.headers] : options.headers;

  if (table === null || table === undefined || (Array.isArray(table) && table.length === 0) || (isPlainObject(table) && Object.keys(table).length === 0)) {
    return `${out}**No entries.**\n`;
  }

  let rows: unknown[];
  if (isPlainObject(table) && !headers && Object.keys(table).length === 1 && Array.isArray(Object.values(table)[0])) {
    const [key] = Object.keys(table);
    headers = [key];
    rows = (table[key] as unknown[]).map((v) => ({ [key]: v }));
  } else {
    rows = Array.isArray(table) ? table : [table];
  }

  if (rows.length > 0 && !isPlainObject(rows[0])) {
    if (!headers || headers.length === 0) throw new Error('A table of plain values needs a header to name its column.');
    const column = headers[0];
    rows = rows.map((v) => ({ [column]: v }));
    headers = [column];
  }

  const objects = rows as Row[];
  let columns = headers && headers.length > 0 ? [...headers] : Object.keys(objects[0] ?? {}).sort();
  if (options.removeNull) columns = columns.filter((c) => !objects.every((row) => isEmptyValue(row[c])));

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
