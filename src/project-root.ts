// The repository root: the directory holding package.json, found by walking up from this module, so the
// answer is the same from src/ under ts-jest and from dist/src/ when built.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function projectRoot(from: string = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return from;
    directory = parent;
  }
  return directory;
}
