// The Code42 simulator in its own process, standing in for Code42: its CPU is not the service's.
import { startSimulator } from '../../src/simulator';
import type { SimulatorReady } from './protocol';

async function main(): Promise<void> {
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0, logger: false });
  const ready: SimulatorReady = {
    url: simulator.url,
    clientId: simulator.credentials.clientId,
    clientSecret: simulator.credentials.clientSecret,
    alertId: simulator.tenant.sessions[0].sessionId,
  };
  process.send!(ready);
  process.once('disconnect', () => void simulator.close().finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator process: ${(error as Error).message}\n`);
  process.exit(1);
});
