// The demisto-sdk playbook schema (derived JSON Schema, schemas/SOURCES.md) applied with ajv.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { projectRoot } from './load';
import { PlaybookError } from './types';

/** The schema kept in the repository (schemas/), so a clone or an installed package validates on its own. */
export const DEFAULT_SCHEMA = join(projectRoot(), 'schemas', 'derived', 'playbook.schema.json');

const compiled = new Map<string, ValidateFunction>();

function validator(schemaFile: string): ValidateFunction {
  let validate = compiled.get(schemaFile);
  if (!validate) {
    if (!existsSync(schemaFile)) throw new PlaybookError(`The playbook schema ${schemaFile} does not exist.`);
    // The derived schema uses ["string","number"] unions (SOURCES.md).
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false });
    validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    compiled.set(schemaFile, validate);
  }
  return validate;
}

function sentence(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'The playbook' : `${error.instancePath.slice(1).split('/').join('.')}`;
  if (error.keyword === 'additionalProperties') {
    return `${where} has the key "${(error.params as { additionalProperty: string }).additionalProperty}", which the playbook schema does not allow.`;
  }
  if (error.keyword === 'required') return `${where} is missing the required key "${(error.params as { missingProperty: string }).missingProperty}".`;
  return `${where} ${error.message ?? 'is invalid'}.`;
}

/** Every schema violation of a parsed playbook, one sentence each; empty when it conforms. */
export function schemaProblems(doc: unknown, schemaFile: string = DEFAULT_SCHEMA): string[] {
  const validate = validator(schemaFile);
  if (validate(doc)) return [];
  // A value failing a ["string","null"] union reports each branch; one sentence per place and keyword is enough.
  const seen = new Set<string>();
  return (validate.errors ?? []).map(sentence).filter((text) => !seen.has(text) && Boolean(seen.add(text)));
}
