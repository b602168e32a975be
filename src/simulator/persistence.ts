// The demo tenant on disk: `startSimulator({ statePath })` loads the tenant from that JSON file when it exists
// and saves it after every change, so `code42-soar run A` and then `run B` see A's change. A save writes a
// temporary file beside the target and renames it over the target, so a reader (or a crash mid-write) never
// sees half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  return new Tenant(data, clock);
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

/** Saves now and after every change. */
export function persist(tenant: Tenant, path: string): void {
  saveTenant(tenant, path);
  tenant.onChange(() => saveTenant(tenant, path));
}
