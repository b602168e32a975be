// The JavaScript-like selector language of XSOAR context keys and reads (xsoar-conventions §2.4):
// `val.ID && val.ID == obj.ID`, `val.State == 'OPEN' || val.State == "PENDING"`, `true`, and the value a DT
// transform builds (`{"id": val.id, "alert": val.CustomFields.code42alertid}`). A small parser and
// interpreter of that subset — comparisons, &&, ||, !, parentheses, literals, object and array literals and
// member paths — so a playbook never gets to run code of its own (no eval, no Function).
import { PlaybookError } from './types';

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'ref'; path: string[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'object'; entries: [string, Node][] }
  | { kind: 'array'; items: Node[] };

type Token = { type: 'op'; text: string } | { type: 'literal'; value: unknown } | { type: 'ident'; path: string[] };

const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '{', '}', '[', ']', ':', ','];
const KEYWORDS: Record<string, unknown> = { true: true, false: false, null: null, undefined: undefined };

function syntaxError(expression: string, why: string): PlaybookError {
  return new PlaybookError(`Cannot read the DT expression "${expression}": ${why}.`);
}

function readString(expression: string, start: number): { value: string; end: number } {
  const quote = expression[start];
  let value = '';
  for (let i = start + 1; i < expression.length; i++) {
    const ch = expression[i];
    if (ch === '\\' && i + 1 < expression.length) value += expression[++i];
    else if (ch === quote) return { value, end: i + 1 };
    else value += ch;
  }
  throw syntaxError(expression, 'a string is not closed');
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      const { value, end } = readString(expression, i);
      tokens.push({ type: 'literal', value });
      i = end;
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(expression[i + 1] ?? '') && (tokens.length === 0 || tokens[tokens.length - 1].type === 'op'))) {
      const match = /^-?\d+(\.\d+)?/.exec(expression.slice(i))!;
      tokens.push({ type: 'literal', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][\w$]*(\.[\w$]+)*/.exec(expression.slice(i))!;
      const text = match[0];
      if (text in KEYWORDS) tokens.push({ type: 'literal', value: KEYWORDS[text] });
      else tokens.push({ type: 'ident', path: text.split('.') });
      i += text.length;
    } else {
      const op = OPERATORS.find((candidate) => expression.startsWith(candidate, i));
      if (!op) throw syntaxError(expression, `"${ch}" is not supported (only comparisons, &&, ||, !, parentheses and object and array literals are)`);
      tokens.push({ type: 'op', text: op });
      i += op.length;
    }
  }
  return tokens;
}

/** Recursive descent: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | comparison. */
function parse(expression: string): Node {
  const tokens = tokenize(expression);
  let position = 0;
  const peekOp = (): string | undefined => {
    const token = tokens[position];
    return token?.type === 'op' ? token.text : undefined;
  };
  const binaryLevel = (ops: string[], next: () => Node) => (): Node => {
    let left = next();
    while (ops.includes(peekOp() ?? '')) {
      const op = (tokens[position++] as { text: string }).text;
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const token = tokens[position++];
    if (!token) throw syntaxError(expression, 'it ends too early');
    if (token.type === 'literal') return { kind: 'literal', value: token.value };
    if (token.type === 'ident') {
      if (peekOp() === '(') throw syntaxError(expression, `calling ${token.path.join('.')}() is not supported`);
      return { kind: 'ref', path: token.path };
    }
    if (token.text === '(') {
      const inner = or();
      if (peekOp() !== ')') throw syntaxError(expression, 'a parenthesis is not closed');
      position++;
      return inner;
    }
    if (token.text === '{') return objectLiteral();
    if (token.text === '[') return arrayLiteral();
    throw syntaxError(expression, `"${token.text}" is out of place`);
  };
  /** Items up to `close`, separated by commas; a trailing comma is allowed, as in JavaScript. */
  const list = <T>(close: string, item: () => T): T[] => {
    const items: T[] = [];
    while (peekOp() !== close) {
      if (position >= tokens.length) throw syntaxError(expression, `a "${close === '}' ? '{' : '['}" is not closed`);
      items.push(item());
      if (peekOp() === ',') position++;
      else if (position >= tokens.length) throw syntaxError(expression, `a "${close === '}' ? '{' : '['}" is not closed`);
      else if (peekOp() !== close) throw syntaxError(expression, `a "," or "${close}" is missing`);
    }
    position++;
    return items;
  };
  const objectLiteral = (): Node => ({
    kind: 'object',
    entries: list('}', (): [string, Node] => {
      const key = tokens[position++];
      const name = key?.type === 'literal' && typeof key.value === 'string' ? key.value : key?.type === 'ident' && key.path.length === 1 ? key.path[0] : undefined;
      if (name === undefined) throw syntaxError(expression, 'an object key must be a name or a quoted string');
      if (peekOp() !== ':') throw syntaxError(expression, `the key "${name}" needs a ":" and a value`);
      position++;
      return [name, or()];
    }),
  });
  const arrayLiteral = (): Node => ({ kind: 'array', items: list(']', () => or()) });
  const comparison = (): Node => {
    const left = primary();
    const op = peekOp();
    if (op && ['===', '!==', '==', '!=', '<=', '>=', '<', '>'].includes(op)) {
      position++;
      return { kind: 'binary', op, left, right: primary() };
    }
    return left;
  };
  const unary = (): Node => {
    if (peekOp() === '!') {
      position++;
      return { kind: 'not', operand: unary() };
    }
    return comparison();
  };
  const and = binaryLevel(['&&'], unary);
  const or = binaryLevel(['||'], and);
  const tree = or();
  if (position < tokens.length) throw syntaxError(expression, 'there is more after a complete expression');
  return tree;
}

const parsed = new Map<string, Node>();

function compiled(expression: string): Node {
  let tree = parsed.get(expression);
  if (!tree) {
    tree = parse(expression);
    parsed.set(expression, tree);
  }
  return tree;
}

/** Own properties only: a path can never reach `__proto__`, `constructor` or other inherited members. */
export function member(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export function truthy(value: unknown): boolean {
  return Boolean(value) && !(typeof value === 'number' && Number.isNaN(value));
}

/** JavaScript `==` for the JSON values a context holds. */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === typeof b) return a === b;
  if (typeof a === 'boolean') return looseEquals(Number(a), b);
  if (typeof b === 'boolean') return looseEquals(a, Number(b));
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && a === Number(b);
  if (typeof a === 'string' && typeof b === 'number') return looseEquals(b, a);
  return false;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return looseEquals(a, b);
    case '!=':
      return !looseEquals(a, b);
    case '===':
      return a === b;
    case '!==':
      return a !== b;
  }
  const bothStrings = typeof a === 'string' && typeof b === 'string';
  const [x, y] = bothStrings ? [a, b] : [Number(a), Number(b)];
  if (op === '<') return x < y;
  if (op === '>') return x > y;
  if (op === '<=') return x <= y;
  return x >= y;
}

function evaluate(node: Node, scope: Record<string, unknown>, expression: string): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'ref': {
      const [name, ...rest] = node.path;
      if (!(name in scope)) throw new PlaybookError(`The DT expression "${expression}" uses "${name}", but only ${Object.keys(scope).join(' and ')} can be used there.`);
      return rest.reduce<unknown>((value, key) => member(value, key), scope[name]);
    }
    case 'not':
      return !truthy(evaluate(node.operand, scope, expression));
    case 'binary': {
      const left = evaluate(node.left, scope, expression);
      if (node.op === '&&') return truthy(left) ? evaluate(node.right, scope, expression) : left;
      if (node.op === '||') return truthy(left) ? left : evaluate(node.right, scope, expression);
      return compare(node.op, left, evaluate(node.right, scope, expression));
    }
    case 'object': {
      // A key JSON cannot hold as data (`__proto__`) is left out rather than reaching the prototype.
      const built: Record<string, unknown> = {};
      for (const [key, value] of node.entries) if (key !== '__proto__') built[key] = evaluate(value, scope, expression);
      return built;
    }
    case 'array':
      return node.items.map((item) => evaluate(item, scope, expression));
  }
}

/** The value `expression` builds from `scope` (a DT transform: `{"id": val.id}`, `val.Name`). */
export function valueOf(expression: string, scope: Record<string, unknown>): unknown {
  return evaluate(compiled(expression), scope, expression);
}

/** Whether `expression` holds for the values in `scope` (`val`, and `obj` when merging context). */
export function holds(expression: string, scope: Record<string, unknown>): boolean {
  return truthy(evaluate(compiled(expression), scope, expression));
}

/** Throws the PlaybookError a malformed expression would raise at run time. */
export function checkExpression(expression: string): void {
  compiled(expression);
}
