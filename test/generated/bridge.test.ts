import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';
import { bridgeScript } from '../../src/xsoar/integration';

interface HttpCall {
  url: string;
  request: { Method: string; Headers: Record<string, string[]>; Body: string };
}

// As integration.yml carries it: with the forwarded fetch parameter names in front.
const source = bridgeScript(readFileSync(join(projectRoot(), 'src', 'xsoar', 'bridge', 'bridge.js'), 'utf8'));

/** Runs the bridge as the XSOAR JS engine does: globals in scope, the script body as a function. */
function runBridge(command: string, args: Record<string, unknown>, answer: { StatusCode: number; Body: string }, lastRun: unknown = {}) {
  const calls: HttpCall[] = [];
  const saved: unknown[] = [];
  const params = {
    service_url: 'https://soar.example.com/',
    credentials: { identifier: '', password: 'svc-key' },
    max_fetch: '25',
    alert_severity: ['High'],
    fetch_time: '3 days',
    first_fetch: '',
    include_files: false,
    isFetch: true,
  };
  const http = (url: string, request: HttpCall['request']) => {
    calls.push({ url, request });
    return answer;
  };
  const script = new Function('params', 'args', 'command', 'http', 'getLastRun', 'setLastRun', source);
  const result: unknown = script(params, args, command, http, () => lastRun, (value: unknown) => saved.push(value));
  return { result, calls, saved };
}

describe('the XSOAR bridge script', () => {
  test('forwards a command with its arguments and the API key to the service', () => {
    const entries = [{ Type: 1, ContentsFormat: 'json', Contents: {}, HumanReadable: 'x' }];
    const { result, calls } = runBridge('code42-alert-get', { id: 'a-1' }, { StatusCode: 200, Body: JSON.stringify(entries) });
    expect(result).toEqual(entries);
    expect(calls[0].url).toBe('https://soar.example.com/v1/commands/code42-alert-get');
    expect(calls[0].request.Headers.Authorization).toEqual(['Bearer svc-key']);
    expect(JSON.parse(calls[0].request.Body)).toEqual({ id: 'a-1' });
  });

  test('fetch-incidents sends lastRun and the fetch parameters, saves the new lastRun and returns the incidents as JSON', () => {
    const answer = { incidents: [{ name: 'Code42 - x' }], lastRun: { last_fetch: 5, last_fetched_ids: ['a'] } };
    const { result, calls, saved } = runBridge('fetch-incidents', {}, { StatusCode: 200, Body: JSON.stringify(answer) }, { last_fetch: 1 });
    const body = JSON.parse(calls[0].request.Body);
    expect(calls[0].url).toBe('https://soar.example.com/v1/fetch-incidents');
    expect(body.lastRun).toEqual({ last_fetch: 1 });
    // Every set fetch parameter (aliases too) and nothing else: unset ones leave the service's configuration in force.
    expect(body.params).toEqual({ max_fetch: '25', alert_severity: ['High'], fetch_time: '3 days', include_files: false });
    expect(saved).toEqual([answer.lastRun]);
    expect(result).toBe(JSON.stringify(answer.incidents));
  });

  test('test-module answers ok, or the sentence of the error entry', () => {
    expect(runBridge('test-module', {}, { StatusCode: 200, Body: JSON.stringify([{ Type: 1, Contents: 'ok' }]) }).result).toBe('ok');
    const failing = [{ Type: 4, Contents: 'The Code42 API client id or secret is wrong.' }];
    expect(runBridge('test-module', {}, { StatusCode: 200, Body: JSON.stringify(failing) }).result).toBe(failing[0].Contents);
  });

  test('a refused API key is one sentence, and fetch never saves lastRun on failure', () => {
    expect(() => runBridge('code42-alert-get', {}, { StatusCode: 401, Body: '' })).toThrow(/refused the API key/);
    const failed = (() => {
      try {
        return runBridge('fetch-incidents', {}, { StatusCode: 502, Body: '{"message":"Code42 is unreachable."}' });
      } catch (error) {
        return error;
      }
    })();
    expect(failed).toBe('The code42-soar service answered 502 for /v1/fetch-incidents: Code42 is unreachable.');
  });
});
