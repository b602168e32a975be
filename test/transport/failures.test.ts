import { networkFailure, type FailureContext } from '../../src/code42/failures';

const context: FailureContext = {
  operation: 'list watchlists',
  url: new URL('https://api.us.code42.com/v1/watchlists'),
  proxy: false,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 60_000,
  bodyTimeoutMs: 30_000,
};

/** The shape Node's fetch rejects with: TypeError("fetch failed" | "terminated") caused by the socket error. */
const fetchError = (message: string, cause: Record<string, unknown>): TypeError => new TypeError(message, { cause: Object.assign(new Error(String(cause.message)), cause) });

describe('network failures as sentences', () => {
  test('a connect timeout is the XSOAR Connection Timeout Error and safe to send again', () => {
    const { error, retryability } = networkFailure(fetchError('fetch failed', { code: 'UND_ERR_CONNECT_TIMEOUT', message: 'Connect Timeout Error' }), context);
    expect(error.kind).toBe('timeout');
    expect(retryability).toBe('unsent');
    expect(error.message).toBe(
      'Could not list watchlists: Connection Timeout Error - api.us.code42.com did not accept a connection within 10 s; potential reasons might be that the Server URL parameter is incorrect or that the Server is not accessible from your host.',
    );
  });

  test('a body that stalls is a body timeout that only a read may retry', () => {
    const { error, retryability } = networkFailure(fetchError('terminated', { code: 'UND_ERR_BODY_TIMEOUT', message: 'Body Timeout Error' }), { ...context, duringBody: true });
    expect(retryability).toBe('transient');
    expect(error.message).toBe('Could not list watchlists: the answer from api.us.code42.com stalled for more than 30 s.');
  });

  test('an undici error that lost its code crossing realms is still recognised by its class name', () => {
    const { error } = networkFailure(new TypeError('fetch failed', { cause: new Error('HeadersTimeoutError: Headers Timeout Error') }), context);
    expect(error.message).toBe('Could not list watchlists: api.us.code42.com did not start answering within 60 s.');
  });

  test('an unknown host is final: the name does not resolve', () => {
    const { error, retryability } = networkFailure(fetchError('fetch failed', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND api.us.code42.com', hostname: 'api.us.code42.com' }), context);
    expect(retryability).toBe('final');
    expect(error.message).toBe(
      'Could not list watchlists: api.us.code42.com could not be reached (ENOTFOUND: the host name does not resolve) - verify that the server URL parameter is correct and that you have access to the server from your host.',
    );
  });

  test('an expired certificate is a TLS failure with the trust advice', () => {
    const { error, retryability } = networkFailure(fetchError('fetch failed', { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }), context);
    expect(error.kind).toBe('tls');
    expect(retryability).toBe('final');
    expect(error.message).toBe("Could not list watchlists: SSL Certificate Verification Failed for api.us.code42.com (certificate has expired) - try selecting 'Trust any certificate' checkbox in the integration configuration.");
  });

  test('HTTPS to a plain-HTTP port says the scheme or port is wrong rather than blaming the certificate', () => {
    const { error } = networkFailure(fetchError('fetch failed', { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' }), context);
    expect(error.message).toBe('Could not list watchlists: api.us.code42.com does not speak HTTPS on this port (wrong version number) - check the scheme and port of the URL.');
  });

  test('a proxy that refuses the tunnel gives the Proxy Error advice', () => {
    const { error } = networkFailure(fetchError('fetch failed', { code: 'UND_ERR_ABORTED', message: 'Proxy response (407) !== 200 when HTTP Tunneling' }), { ...context, proxy: true });
    expect(error.message).toBe(
      "Could not list watchlists: Proxy Error (Proxy response (407) !== 200 when HTTP Tunneling) - if the 'Use system proxy' checkbox in the integration configuration is selected, try clearing the checkbox.",
    );
  });
});
