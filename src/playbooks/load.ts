// Reading playbook YAML: parse (with `yaml`, YAML 1.2, duplicate keys refused), check its structure, and
// find the playbooks shipped with the integration. Every problem is a PlaybookError with one sentence.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../project-root';
import { runStoppingProblems } from './structure';
import { type Playbook, PlaybookError } from './types';

// One projectRoot for the project (src/project-root.ts); re-exported for the playbook modules and tests using it.
export { projectRoot };

export const SHIPPED_PLAYBOOKS = join(projectRoot(), 'playbooks');

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PlaybookError(`Cannot read ${file}: ${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : 'it cannot be read'}.`);
  }
}

/** The YAML document, or a PlaybookError naming where the YAML is broken. */
export function parseYamlDocument(text: string, source: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new PlaybookError(`${source} is not valid YAML: ${(error as Error).message.split('\n')[0].replace(/:$/, '')}.`);
  }
}

/**
 * A playbook the runner can run, or a PlaybookError with its first problem. Authoring rules a run does not
 * need (`version: -1`, UUID task ids...) are left to `playbook validate`.
 */
export function toPlaybook(doc: unknown, source: string): Playbook {
  const problems = runStoppingProblems(doc);
  if (problems.length) {
    const more = problems.length > 1 ? ` (${problems.length - 1} more: run "code42-soar playbook validate ${source}")` : '';
    throw new PlaybookError(`${source}: ${problems[0].replace(/\.$/, '')}${more}.`);
  }
  return doc as Playbook;
}

export function readPlaybook(file: string): Playbook {
  return toPlaybook(parseYamlDocument(readText(file), file), file);
}

/** Every readable playbook in `directories`, by name and by id, for sub-playbook tasks to find. */
export function playbookLibrary(directories: string[]): Map<string, Playbook> {
  const library = new Map<string, Playbook>();
  for (const directory of directories) {
    if (!existsSync(directory)) continue;
    for (const file of readdirSync(directory).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      try {
        const playbook = readPlaybook(join(directory, file));
        if (!library.has(playbook.name)) library.set(playbook.name, playbook);
        if (!library.has(playbook.id)) library.set(playbook.id, playbook);
      } catch (error) {
        // A broken neighbour must not stop the playbook being run; `playbook validate` names its problem.
        if (!(error instanceof PlaybookError)) throw error;
      }
    }
  }
  return library;
}
