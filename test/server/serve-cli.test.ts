// `code42-soar serve` options, refused before anything starts.
import { run } from '../../src/cli/serve';
import { demoExposureProblem } from '../../src/server/settings';
import { captureIO } from '../foundation/helpers';

describe('code42-soar serve options', () => {
  test.each([
    [['--config', '--no-fetch'], 'code42-soar serve: --config needs a value, e.g. --config code42.yaml.\n'],
    [['--fetch-interval-seconds', '--no-fetch'], 'code42-soar serve: --fetch-interval-seconds needs a value, e.g. --fetch-interval-seconds 30.\n'],
  ])('an option followed by another option instead of its value, %j, is a usage error', async (argv, message) => {
    const io = captureIO({ PORT: '0' });
    expect(await run(argv, io)).toBe(2);
    expect(io.stderr.text).toBe(message);
    expect(io.stdout.text).toBe('');
  });
});

describe('demo mode beyond loopback', () => {
  const reachable = { HOST: '0.0.0.0', PORT: '0', CODE42_SOAR_API_KEY: 'a-service-key-0123456789' };

  test('serve without any Code42 settings on 0.0.0.0 exits 2 before starting: no demo data on the network by accident', async () => {
    const io = captureIO(reachable);
    expect(await run(['--no-fetch'], io)).toBe(2);
    expect(io.stderr.text).toBe(
      'code42-soar serve: Refusing to serve demo data on 0.0.0.0: no Code42 URL or API client is configured, so the embedded simulator would answer. ' +
        'Configure the Code42 instance (CODE42_CONSOLE_URL, CODE42_API_URL, CODE42_CLIENT_ID, CODE42_CLIENT_SECRET), listen on 127.0.0.1, ' +
        'or set CODE42_DEMO=1 to serve the demo beyond this machine on purpose.\n',
    );
    expect(io.stdout.text).toBe('');
  });

  test('a Code42 URL without credentials is a configuration error, not demo data', async () => {
    const io = captureIO({ ...reachable, CODE42_CONSOLE_URL: 'https://console.us.code42.com' });
    expect(await run(['--no-fetch'], io)).toBe(2);
    expect(io.stderr.text).toMatch(/^code42-soar serve: CODE42_CONSOLE_URL is set but no Code42 API client is: /);
  });

  test('CODE42_DEMO=1 is the explicit opt-in, and loopback needs none', () => {
    expect(demoExposureProblem('0.0.0.0', true, { CODE42_DEMO: '1' })).toBeUndefined();
    expect(demoExposureProblem('127.0.0.1', true, {})).toBeUndefined();
    expect(demoExposureProblem('0.0.0.0', false, {})).toBeUndefined();
    expect(demoExposureProblem('0.0.0.0', true, { CODE42_DEMO: 'yes please' })).toMatch(/^Refusing to serve demo data on 0\.0\.0\.0/);
  });
});
