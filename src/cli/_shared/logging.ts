// How the subcommands log: text lines a person at a terminal can read for the one-shot commands, JSON lines
// for the service, whose logs machines read; LOG_FORMAT overrides either.
import type { Logger } from 'pino';
import type { CliIO } from '../../cli';
import { ConfigError } from '../../config';
import { createLogger, type LogFormat } from '../../log';

/** For the one-shot commands' usage texts: how to change what the logs look like. */
export const LOG_ENVIRONMENT = 'Logs go to stderr as text lines (LOG_FORMAT=json for JSON lines); LOG_LEVEL sets how much (default info).';

/** LOG_FORMAT when it is set, else `fallback`. */
export function logFormat(env: NodeJS.ProcessEnv, fallback: LogFormat): LogFormat {
  const value = env.LOG_FORMAT?.trim().toLowerCase();
  if (!value) return fallback;
  if (value === 'json' || value === 'text') return value;
  throw new ConfigError(`LOG_FORMAT must be json or text, not "${env.LOG_FORMAT}".`);
}

/** A one-shot command's logger: text lines on stderr unless LOG_FORMAT says json. */
export function cliLogger(io: CliIO): Logger {
  return createLogger({ destination: io.stderr, level: io.env.LOG_LEVEL, format: logFormat(io.env, 'text') });
}
