// pino to stderr: stdout stays clean for command output. Secrets are redacted by path, and the
// transport never puts them anywhere else (tests capture every line to prove it). JSON lines for the service,
// whose logs machines read; plain text lines for a person running a one-shot command.
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'apiKey',
  '*.apiKey',
  'credentials.password',
  '*.credentials.password',
];

export type LogFormat = 'json' | 'text';

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default. Tests pass a capturing stream. */
  destination?: NodeJS.WritableStream;
  /** `json` (the default): one pino JSON object per line, for machines; `text`: one plain line per record, for people. */
  format?: LogFormat;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const destination = options.destination ?? process.stderr;
  return pino(
    { level, base: { name: 'code42-soar' }, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } },
    (options.format === 'text' ? textLines(destination) : destination) as pino.DestinationStream,
  );
}

/** Levels from here up name themselves in a text line; below it the message speaks for itself. */
const NAMED_FROM = pino.levels.values.warn;

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * A text line from a JSON line pino has already serialized, so redaction has run on every field. It keeps
 * only the message and the logged error's message, both of which the JSON line carried as they are: the text
 * says nothing the JSON line did not.
 */
export function textLine(json: string): string {
  let record: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
  try {
    record = JSON.parse(json) as typeof record;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = typeof record.level === 'number' ? record.level : 0;
  const label = level >= NAMED_FROM ? `${(pino.levels.labels[level] ?? `level ${level}`).toUpperCase()}: ` : '';
  const parts = [record.msg, record.err?.message].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  // logger.error(error) makes the error's message the record's message too.
  return `${label}${oneLine([...new Set(parts)].join(': '))}\n`;
}

function textLines(destination: NodeJS.WritableStream): { write(line: string): void } {
  return { write: (line) => void destination.write(textLine(line)) };
}
