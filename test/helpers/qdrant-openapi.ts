import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Qdrant's official OpenAPI 3 description (v1.19), copied with its license into test/fixtures. */
const SPEC_URL = new URL('../fixtures/qdrant/openapi-v1.19.json', import.meta.url);
const SPEC_ID = 'qdrant-openapi';

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.0 writes "may be null" as `nullable: true`, often in a schema of its own inside
 * `anyOf` (`[{$ref}, {nullable: true}]`). JSON Schema would read that lone `{nullable: true}`
 * as "anything", silently disabling validation of the field, so it becomes `{type: 'null'}`.
 * `nullable` next to a `$ref`/`anyOf` (no `type`) becomes an extra null alternative.
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'example' && key !== 'examples') out[key] = normalize(value);
  }
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    const rest = Object.keys(out).filter((key) => key !== 'description' && key !== 'default');
    return rest.length === 0 ? { type: 'null' } : { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** Qdrant's numeric formats, checked for what they promise (JSON Schema only knows int32/64). */
const unsigned = (max: number) => ({
  type: 'number' as const,
  validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= max,
});

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addFormat('uint', unsigned(Number.MAX_SAFE_INTEGER));
  ajv.addFormat('uint64', unsigned(Number.MAX_SAFE_INTEGER));
  ajv.addFormat('uint32', unsigned(2 ** 32 - 1));
  ajv.addFormat('uint8', unsigned(255));
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('float', { type: 'number', validate: Number.isFinite });
  ajv.addFormat('double', { type: 'number', validate: Number.isFinite });
  ajv.addFormat('partial-date-time', true);
  ajv.addFormat('binary', true);
  return ajv;
}

/** One operation of the spec: where it lives and its validators. */
export interface QdrantOperation {
  operationId: string;
  method: string;
  /** Path template, e.g. `/collections/{collection_name}/points`. */
  path: string;
  pattern: RegExp;
  /** Validates the JSON request body (undefined when the operation takes none). */
  request: ValidateFunction | undefined;
  /** Validates the 200 response body. */
  response: ValidateFunction;
}

const templateToRegExp = (template: string): RegExp =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`);

/** Validators of every operation in the spec, compiled lazily per operation. */
export class QdrantOpenApi {
  readonly #ajv = createAjv();
  readonly #spec: Json;
  readonly #cache = new Map<string, QdrantOperation>();

  constructor() {
    this.#spec = normalize(JSON.parse(readFileSync(SPEC_URL, 'utf8'))) as Json;
    this.#ajv.addSchema(this.#spec, SPEC_ID);
  }

  /** The operation for `method` on a concrete path, or undefined when the spec has none. */
  find(method: string, pathname: string): QdrantOperation | undefined {
    const paths = this.#spec.paths as Record<string, Record<string, Json>>;
    const lower = method.toLowerCase();
    // Literal paths (`/collections/aliases`) must win over templates (`/collections/{name}`).
    const templates = Object.keys(paths).sort((a, b) => a.split('{').length - b.split('{').length);
    for (const template of templates) {
      const definition = paths[template]?.[lower];
      if (definition && templateToRegExp(template).test(pathname))
        return this.#operation(lower, template, definition);
    }
    return undefined;
  }

  #operation(method: string, path: string, definition: Json): QdrantOperation {
    const key = `${method} ${path}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const pointer = `${SPEC_ID}#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`;
    const hasBody = (definition.requestBody as Json | undefined) !== undefined;
    const operation: QdrantOperation = {
      operationId: String(definition.operationId),
      method,
      path,
      pattern: templateToRegExp(path),
      request: hasBody
        ? this.#ajv.compile({ $ref: `${pointer}/requestBody/content/application~1json/schema` })
        : undefined,
      response: this.#ajv.compile({ $ref: `${pointer}/responses/200/content/application~1json/schema` }),
    };
    this.#cache.set(key, operation);
    return operation;
  }
}

/** Ajv errors as one readable line, as Qdrant's own 400 messages are. */
export const describeErrors = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`).join('; ');
