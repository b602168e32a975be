// Fault injection: rules matched on method + path pattern that answer with an error status (429 carries
// Retry-After), add latency, drop the connection without answering, hang (accept the request and never
// answer, until the client gives up or the simulator closes), or revoke every token. Each rule fires
// a limited number of `times` and/or with a `probability`. Set through options, the RunningSimulator
// handle, or `POST /__sim/faults`.
import { Random } from './random';

export type FaultKind = 'status' | 'latency' | 'drop' | 'hang' | 'revoke-tokens';
export const FAULT_KINDS: readonly FaultKind[] = ['status', 'latency', 'drop', 'hang', 'revoke-tokens'];

export interface FaultRule {
  /** HTTP method or '*' (default '*'). */
  method?: string;
  /** Exact path, a pattern with `*` (any characters) or `:param` (one segment), or '*' for every route. */
  path: string;
  kind: FaultKind;
  /** `status` faults: the status to answer (default 500). */
  status?: number;
  /** `status` faults with 429 (or any status): the Retry-After header in seconds (429 defaults to 1). */
  retryAfterSeconds?: number;
  /** `latency` faults: delay before the request proceeds (also delays a `status` fault when set). */
  latencyMs?: number;
  /** `status` faults: the response body (default: a Spring-style JSON error). */
  body?: unknown;
  /** Fire this many times, then stop (default: unlimited until cleared). */
  times?: number;
  /** Chance in [0, 1] that a matching request fires the rule (default 1). */
  probability?: number;
}

export interface ActiveFault extends FaultRule {
  /** Remaining firings; undefined = unlimited. */
  remaining?: number;
  /** How often the rule has fired. */
  fired: number;
}

interface CompiledFault {
  rule: ActiveFault;
  method: string;
  pattern: RegExp;
}

function compilePattern(path: string): RegExp {
  if (path === '*') return /^.*$/;
  const source = path
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '[^/]+'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** Checks a rule list from a test or the admin route; throws one sentence naming the first problem. */
export function validateFaultRules(input: unknown): FaultRule[] {
  const list = Array.isArray(input) ? input : [input];
  return list.map((raw, i) => {
    const where = `Fault rule ${i + 1}`;
    if (raw === null || typeof raw !== 'object') throw new Error(`${where} must be an object.`);
    const rule = raw as Record<string, unknown>;
    if (typeof rule.path !== 'string' || rule.path === '') throw new Error(`${where} needs a path (use "*" for every route).`);
    if (!FAULT_KINDS.includes(rule.kind as FaultKind)) throw new Error(`${where} has kind ${JSON.stringify(rule.kind)}; use one of ${FAULT_KINDS.join(', ')}.`);
    if (rule.method !== undefined && typeof rule.method !== 'string') throw new Error(`${where} has a method that is not a string.`);
    if (rule.status !== undefined && (!Number.isInteger(rule.status) || (rule.status as number) < 400 || (rule.status as number) > 599)) {
      throw new Error(`${where} has status ${String(rule.status)}; use an error status between 400 and 599.`);
    }
    for (const key of ['retryAfterSeconds', 'latencyMs'] as const) {
      if (rule[key] !== undefined && (typeof rule[key] !== 'number' || (rule[key] as number) < 0)) throw new Error(`${where} has a negative or non-numeric ${key}.`);
    }
    if (rule.kind === 'latency' && rule.latencyMs === undefined) throw new Error(`${where} is a latency fault without latencyMs.`);
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || (rule.times as number) < 1)) throw new Error(`${where} has times ${String(rule.times)}; use a positive integer.`);
    if (rule.probability !== undefined && (typeof rule.probability !== 'number' || rule.probability < 0 || rule.probability > 1)) {
      throw new Error(`${where} has probability ${String(rule.probability)}; use a number between 0 and 1.`);
    }
    return rule as unknown as FaultRule;
  });
}

export class FaultController {
  private faults: CompiledFault[] = [];
  private readonly random: Random;

  constructor(seed = 1) {
    this.random = new Random(seed);
  }

  /** Adds rules after the existing ones. */
  add(rules: FaultRule | FaultRule[]): void {
    for (const rule of validateFaultRules(rules)) {
      this.faults.push({
        rule: { ...rule, remaining: rule.times, fired: 0 },
        method: (rule.method ?? '*').toUpperCase(),
        pattern: compilePattern(rule.path),
      });
    }
  }

  clear(): void {
    this.faults = [];
  }

  /** The rules still armed, with how often each has fired. */
  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f.rule }));
  }

  /** The rules that fire for this request (each firing uses up one of its `times`). */
  take(method: string, path: string): FaultRule[] {
    const fired: FaultRule[] = [];
    for (const fault of this.faults) {
      if (fault.method !== '*' && fault.method !== method.toUpperCase()) continue;
      if (!fault.pattern.test(path)) continue;
      if (fault.rule.probability !== undefined && !(this.random.next() < fault.rule.probability)) continue;
      fault.rule.fired++;
      if (fault.rule.remaining !== undefined) fault.rule.remaining--;
      fired.push(fault.rule);
    }
    this.faults = this.faults.filter((f) => f.rule.remaining === undefined || f.rule.remaining > 0);
    return fired;
  }
}

/** Requests served per route (`METHOD /route/:pattern`), for tests and the fetch benchmark. */
export class RequestStats {
  private counts = new Map<string, number>();

  record(method: string, route: string): void {
    const key = `${method.toUpperCase()} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Requests to one route; `route` is the pattern as registered, e.g. `/v1/users/:userId`. */
  count(method: string, route: string): number {
    return this.counts.get(`${method.toUpperCase()} ${route}`) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts = new Map();
  }
}
