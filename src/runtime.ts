// Everything one process needs to run commands: the Code42 client for the configured instance (or, with no
// Code42 URL and no credentials, for the embedded demo simulator, whose tenant persists in the data directory),
// the registry, and the context handlers receive.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { RequestBudget } from './code42/budget';
import { createCode42Client, type Code42Client } from './code42/client';
import type { CommandContext, CommandSettings } from './command';
import { type InstanceConfig, withEndpoints } from './config';
import { DEFAULT_DATA_DIR, demoTenantFile } from './data-dir';
import { tenantEnvironment } from './parameters';
import { LocalFileStore } from './file-store';
import { createLogger } from './log';
import { getRegistry, type Registry } from './registry';
import type { RunningSimulator } from './simulator';

export interface Runtime {
  /** The effective configuration (in demo mode: pointed at the simulator). */
  config: InstanceConfig;
  registry: Registry;
  context: CommandContext;
  /** Where downloaded files are saved. */
  files: LocalFileStore;
  /** Present in demo mode. */
  simulator?: RunningSimulator;
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  config: InstanceConfig;
  logger?: Logger;
  /** Default: every command in commands/. */
  registry?: Registry;
  /** Where downloaded files (`files/`) and the demo tenant (`simulator-tenant.json`) live; default `data`. */
  dataDir?: string;
  /** The Code42 request budget of an API client; default: this process's own (replicas share one in PostgreSQL). */
  budget?: (apiUrl: string, clientId: string) => RequestBudget;
}

interface Endpoint {
  config: InstanceConfig;
  clientId: string;
  clientSecret: string;
  simulator?: RunningSimulator;
}

async function endpoint(config: InstanceConfig, log: Logger, dataDir: string): Promise<Endpoint> {
  if (!config.demo) return { config, clientId: config.credentials.identifier, clientSecret: config.credentials.password };
  // Loaded only in demo mode: a configured instance never pays for the simulator's HTTP server.
  const { startSimulator } = await import('./simulator');
  // The demo tenant persists, so `run A` then `run B` sees A's change.
  const statePath = demoTenantFile(dataDir);
  const simulatorOptions = { host: '127.0.0.1', port: 0, logger: false, statePath } as const;
  const simulator = await startSimulator(simulatorOptions);
  log.info(
    { simulator: simulator.url, statePath },
    `Demo mode is on: no Code42 URL or API client is configured (${tenantEnvironment().join(', ')}), so commands run against the embedded Code42 simulator at ${simulator.url}, its tenant kept in ${statePath}.`,
  );
  return {
    config: withEndpoints(config, { console_url: simulator.url, api_url: simulator.url }),
    clientId: simulator.credentials.clientId,
    clientSecret: simulator.credentials.clientSecret,
    simulator,
  };
}

export async function openRuntime(options: OpenRuntimeOptions): Promise<Runtime> {
  const log = options.logger ?? createLogger();
  const registry = options.registry ?? getRegistry();
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const target = await endpoint(options.config, log, dataDir);
  let code42: Code42Client;
  try {
    code42 = createCode42Client({
      apiUrl: target.config.api_url,
      consoleUrl: target.config.console_url,
      clientId: target.clientId,
      clientSecret: target.clientSecret,
      insecure: target.config.insecure,
      proxy: target.config.proxy,
      logger: log,
      budget: options.budget?.(target.config.api_url, target.clientId),
    });
  } catch (error) {
    await target.simulator?.close();
    throw error;
  }
  const files = new LocalFileStore(join(dataDir, 'files'));
  const settings: CommandSettings = { highRiskWatchlistTitle: target.config.high_risk_watchlist_title };
  let closing: Promise<void> | undefined;
  return {
    config: target.config,
    registry,
    context: { code42, settings, log, files },
    files,
    simulator: target.simulator,
    close() {
      closing ??= (async () => {
        try {
          await code42.close();
        } finally {
          await target.simulator?.close();
        }
      })();
      return closing;
    },
  };
}
