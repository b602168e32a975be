// The registry as HTTP: one documented route per command (its body schema is the command's argument
// schema), a listing, and a catch-all that names the closest command for a mistyped one.
import type { FastifyInstance } from 'fastify';
import type { CommandContext } from '../../command';
import { type Registry, type RegisteredCommand, UnknownCommandError } from '../../registry';
import { ArgumentError } from '../../xsoar/args';
import type { Entry } from '../../xsoar/entry';
import { HttpError, sendError } from '../errors';
import { authenticatedErrors, commandBodySchema, commandInfoSchema, entriesSchema } from '../schemas';

export interface CommandRoutesOptions {
  registry: Registry;
  context: CommandContext;
  /** A command still running after this long is answered 504 (its outcome is then unknown). */
  commandTimeoutMs: number;
}

/**
 * Validates the body with the registry's own coercion and ajv schema, so the 400 sentence is the one the
 * CLI and the war room show. The body itself is left as sent: `registry.execute` coerces it again.
 */
function argumentsValidator(command: RegisteredCommand) {
  return (body: unknown): { value: unknown } | { error: Error } => {
    const args = body ?? {};
    if (typeof args !== 'object' || Array.isArray(args)) {
      return { error: new HttpError(400, 'The request body must be a JSON object of arguments, e.g. {"id": "..."}.') };
    }
    try {
      command.args.parse(args as Record<string, unknown>);
      return { value: args };
    } catch (error) {
      if (error instanceof ArgumentError) return { error: new HttpError(400, error.message) };
      throw error;
    }
  };
}

/** The HTTP answer's time limit (a 504 when it passes); the command's Code42 calls have their own deadline. */
function answerWithin<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpError(504, `The command ${name} did not finish within ${ms / 1000} seconds; its outcome is unknown.`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * After the 504, the command's own Code42 calls are cut off this much later (the registry's deadline), so a
 * command nobody waits for any more stops working soon instead of at the registry's five-minute default.
 */
const ABANDONED_COMMAND_GRACE_MS = 5_000;

export function commandRoutes(app: FastifyInstance, options: CommandRoutesOptions): void {
  const { registry, commandTimeoutMs } = options;
  const context: CommandContext = { ...options.context, deadlineMs: commandTimeoutMs + ABANDONED_COMMAND_GRACE_MS };
  const commands = registry.list();

  app.get('/v1/commands', {
    schema: {
      operationId: 'listCommands',
      summary: 'Every command with its arguments (JSON Schema), kind and context outputs.',
      tags: ['registry'],
      response: { 200: { type: 'array', items: commandInfoSchema }, ...authenticatedErrors },
    },
    handler: async () =>
      commands.map((definition) => ({
        name: definition.name,
        description: definition.description,
        kind: definition.kind,
        arguments: registry.get(definition.name).args.schema,
        outputs: definition.outputs ?? null,
      })),
  });

  for (const definition of commands) {
    const command = registry.get(definition.name);
    app.post(`/v1/commands/${definition.name}`, {
      schema: {
        operationId: definition.name,
        summary: definition.description,
        description:
          `${definition.kind === 'write' ? 'Changes Code42 state.' : 'Reads from Code42.'} ` +
          'The body holds the arguments, as XSOAR sends them (strings) or as native JSON. The answer is the list of war-room ' +
          'entries: HTTP 200 also when the command failed, with a Type 4 entry whose Contents is the error sentence.',
        tags: ['commands'],
        body: commandBodySchema(command.args.schema),
        response: {
          200: { description: 'The entries the command produced.', ...entriesSchema },
          400: { description: 'An argument is missing, unknown or invalid.', $ref: 'Error#' },
          504: { description: 'The command did not finish in time.', $ref: 'Error#' },
          ...authenticatedErrors,
        },
      },
      validatorCompiler: () => argumentsValidator(command),
      config: { command: definition.name },
      handler: async (request): Promise<Entry[]> =>
        answerWithin(registry.execute(definition.name, request.body as Record<string, unknown>, context), commandTimeoutMs, definition.name),
    });
  }

  // Reached only by names no command route matched: the 404 names the closest command.
  app.post<{ Params: { name: string } }>('/v1/commands/:name', { schema: { hide: true } }, async (request, reply) => {
    try {
      registry.get(request.params.name);
    } catch (error) {
      if (error instanceof UnknownCommandError) return sendError(reply, 404, error.message);
      throw error;
    }
    throw new Error(`Command ${request.params.name} is registered but has no route.`);
  });
}
