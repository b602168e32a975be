// Where this process keeps its state: the fetch checkpoint and incidents (serve), downloaded files, and the
// demo tenant. One setting for every subcommand, so `run` and `serve` sharing a directory share the demo tenant.
import { join } from 'node:path';

export const DATA_DIR_ENV = 'CODE42_SOAR_DATA_DIR';
export const DEFAULT_DATA_DIR = 'data';

export function dataDirectory(env: NodeJS.ProcessEnv): string {
  return env[DATA_DIR_ENV]?.trim() || DEFAULT_DATA_DIR;
}

/** The demo tenant's file inside the data directory. */
export const demoTenantFile = (dataDir: string): string => join(dataDir, 'simulator-tenant.json');
