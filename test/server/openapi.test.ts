// The OpenAPI document: valid OpenAPI 3, every registry command with the arguments it accepts.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import Ajv from 'ajv';
import { startTestService, type TestService } from './helpers';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }>>;
}
interface Schema {
  properties?: Record<string, unknown>;
  required?: string[];
  [keyword: string]: unknown;
}

/** The validator library is ESM-only, which jest cannot load; node runs it in a child process instead. */
function validateOpenApi(document: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  const script = [
    "import { Validator } from '@seriousme/openapi-schema-validator';",
    'const chunks = []; for await (const chunk of process.stdin) chunks.push(chunk);',
    'const result = await new Validator().validate(JSON.parse(Buffer.concat(chunks).toString()));',
    'process.stdout.write(JSON.stringify(result));',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: join(__dirname, '..', '..') }, (error, stdout, stderr) =>
      error ? reject(new Error(`validator failed: ${stderr}`)) : resolve(JSON.parse(stdout) as { valid: boolean; errors?: unknown }),
    );
    child.stdin!.end(JSON.stringify(document));
  });
}

let service: TestService;
let document: OpenApiDocument;

beforeAll(async () => {
  service = await startTestService();
  const response = await fetch(`${service.url}/openapi.json`);
  document = (await response.json()) as OpenApiDocument;
});
afterAll(() => service.close());

const bodySchemaOf = (name: string): Schema => document.paths[`/v1/commands/${name}`].post.requestBody!.content['application/json'].schema;

test('the document is valid OpenAPI 3 according to @seriousme/openapi-schema-validator', async () => {
  expect(document.openapi).toMatch(/^3\./);
  const result = await validateOpenApi(document);
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
});

test('every registry command has a POST route whose body lists exactly its arguments', () => {
  const commands = service.runtime.registry.list();
  expect(commands.length).toBeGreaterThan(10);
  for (const command of commands) {
    const route = document.paths[`/v1/commands/${command.name}`]?.post;
    expect(route?.operationId).toBe(command.name);
    const body = bodySchemaOf(command.name);
    const args = service.runtime.registry.get(command.name).args.schema as Schema;
    expect(Object.keys(body.properties ?? {}).sort()).toEqual(Object.keys(args.properties ?? {}).sort());
    expect(body.required ?? []).toEqual(args.required ?? []);
  }
});

test('documented bodies accept both what XSOAR sends (strings) and native JSON', () => {
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(bodySchemaOf('code42-alert-search'));
  for (const body of [{ results: '5', severity: 'High,Low' }, { results: 5, severity: ['HIGH', 'LOW'] }]) {
    expect(validate(body)).toBe(true);
  }
  expect(validate({ results: { many: true } })).toBe(false);
  expect(validate({ no_such_argument: '1' })).toBe(false);
});

test('every route but health declares the bearer API key; /healthz declares none', () => {
  const security = (document as unknown as { security: unknown[] }).security;
  expect(security).toEqual([{ apiKey: [] }]);
  expect(document.paths['/healthz'].get.security).toEqual([]);
  expect(document.paths['/v1/fetch-incidents'].post.security).toBeUndefined();
});

test('the docs page is served as HTML', async () => {
  const response = await fetch(`${service.url}/docs`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/html/);
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
  const html = await response.text();
  expect(html).toContain('<code>POST /v1/commands/test-module</code>');
  expect(html).not.toMatch(/<script/i);
  const slash = await fetch(`${service.url}/docs/`, { redirect: 'manual' });
  expect({ status: slash.status, location: slash.headers.get('location') }).toEqual({ status: 301, location: '/docs' });
});
