// `code42-soar serve` options, refused before anything starts.
import { run } from '../../src/cli/serve';
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
