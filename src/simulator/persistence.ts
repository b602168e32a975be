// The demo tenant on disk: `startSimulator({ statePath })` loads the tenant from that JSON file when it exists
// and saves it after every change, so `code42-soar run A` and then `run B` see A's change. A save writes a
// temporary file beside the target and renames it over the target, so a reader (or a crash mid-write) never
// sees half a file. Before each request the simulator takes over what another process saved since (a `serve`
// in demo mode and a `run` in another terminal share one tenant); two changes at the same instant in two
// processes still end with the later save.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TenantData } from './model';
import { Tenant } from './tenant';

function isTenantData(value: unknown): value is TenantData {
  if (value === null || typeof value !== 'object') return false;
  const data = value as Record<string, unknown>;
  const lists = ['orgs', 'roles', 'users', 'actors', 'watchlists', 'rules', 'sessions', 'fileEvents', 'files', 'matters', 'cases'];
  return data.version === 1 && typeof data.tenantId === 'string' && typeof data.seed === 'number' && typeof data.idState === 'number' && lists.every((key) => Array.isArray(data[key]));
}

/** The saved tenant, or undefined when the file does not exist. A file that is not a saved tenant is an error. */
export function loadTenant(path: string, clock: () => number): Tenant | undefined {
  const data = readTenantData(path);
  return data === undefined ? undefined : new Tenant(data, clock);
}

function readTenantData(path: string): TenantData | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`The simulator state file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!isTenantData(data)) throw new Error(`The simulator state file ${path} is not a saved demo tenant; delete it to start with a fresh demo tenant.`);
  return data;
}

/** A save that failed; the HTTP answer (500) carries this sentence rather than a generic one. */
export class StateFileError extends Error {}

export function saveTenant(tenant: Tenant, path: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, JSON.stringify(tenant.data));
    renameSync(temporary, path);
  } catch (error) {
    throw new StateFileError(`The simulator could not save its tenant to ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** Which version of the file is on disk: every save renames a new file into place, so the inode changes. */
function stampOf(path: string): string | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat === undefined ? undefined : `${stat.ino}/${stat.mtimeMs}/${stat.size}`;
}

/**
 * Saves the tenant after every change (and now, when `saveNow`: a new tenant, or one that changed on loading);
 * `sync()` takes over the file when another process has saved it since (a vanished or unreadable file leaves
 * the tenant as it is: the next save writes it again).
 */
export function persist(tenant: Tenant, path: string, saveNow: boolean): { sync(): void } {
  let stamp = stampOf(path);
  const save = () => {
    saveTenant(tenant, path);
    stamp = stampOf(path);
  };
  if (saveNow) save();
  tenant.onChange(save);
  return {
    sync() {
      const current = stampOf(path);
      if (current === undefined || current === stamp) return;
      let data: TenantData | undefined;
      try {
        data = readTenantData(path);
      } catch {
        data = undefined;
      }
      if (data === undefined) return;
      tenant.replaceData(data);
      stamp = current;
    },
  };
}
