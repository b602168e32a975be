// What `run` and `playbook run` share: the war-room files they are given (--incident, --context) and the
// runtime opened and closed around the work.
import type { CliIO } from '../../cli';
import { dataDirectory } from '../../data-dir';
import { PlaybookError } from '../../playbooks/types';
import type { OpenRuntimeOptions, Runtime } from '../../runtime';

/** A file given on the command line that cannot be used; its message is the one sentence to print. */
export class InputFileError extends Error {}

/** The one object a JSON file holds (YAML, JSON's superset, reads too): an incident, a war-room context. */
export function readObjectFile(file: string, holds: string): Record<string, unknown> {
  // Loaded only when a file is given (the YAML parser is a tenth of a one-shot command's start).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseYamlDocument, readText } = require('../../playbooks/load') as typeof import('../../playbooks/load');
  let doc: unknown;
  try {
    doc = parseYamlDocument(readText(file), file);
  } catch (error) {
    if (error instanceof PlaybookError) throw new InputFileError(error.message);
    throw error;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InputFileError(`${file} must hold one ${holds} (a JSON object).`);
  return doc as Record<string, unknown>;
}

/**
 * `work`'s exit code, run with the runtime for `options.config` (the embedded demo simulator when it has no
 * Code42 URL and no credentials, its tenant in the data directory), which is closed afterwards; exit 1 with one sentence when the runtime cannot start.
 */
export async function withRuntime(io: CliIO, subcommand: string, options: OpenRuntimeOptions, work: (runtime: Runtime) => Promise<number>): Promise<number> {
  // Loaded here, not at the top: the runtime pulls in the Code42 client and the simulator.
  const { openRuntime } = await import('../../runtime');
  let runtime: Runtime;
  try {
    runtime = await openRuntime({ dataDir: dataDirectory(io.env), ...options });
  } catch (error) {
    io.stderr.write(`code42-soar ${subcommand}: could not start: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
