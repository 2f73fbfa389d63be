import { z } from 'zod';
import type { Route } from './registry.js';

/**
 * OpenAPI 3.1 description generated from the route registry: the zod schemas that validate
 * requests are the schemas documented (z.toJSONSchema, input side).
 */
export function openApiDocument(
  routes: readonly Route[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'escucha API',
      version,
      description:
        'Social-listening analytics for citizen security and gender-based violence. Errors: ' +
        '`{ "error": { "message", "code", "status" } }`, in Spanish or English by Accept-Language. ' +
        'Cookie sessions need the `x-csrf-token` header on unsafe methods; bearer tokens do not. ' +
        'Routes with a `format` parameter also answer `format=csv` (RFC 4180, UTF-8 BOM, PII redacted).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'escucha_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token created by an admin' },
      },
      schemas: { Error: jsonSchema(ErrorSchema) },
    },
  };
}

const ErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    code: z.string(),
    status: z.number().int(),
    details: z.unknown().optional(),
  }),
});

function operation(route: Route): Record<string, unknown> {
  const parameters = [
    ...parametersOf(route.schemas.params, 'path'),
    ...parametersOf(route.schemas.query, 'query'),
    ...(route.csv
      ? [
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['json', 'csv'] },
          },
        ]
      : []),
  ];
  const errorRef = {
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const responses: Record<string, unknown> = {
    [String(route.status)]: {
      description: 'OK',
      ...(route.schemas.response
        ? {
            content: {
              'application/json': { schema: jsonSchema(route.schemas.response, 'output') },
            },
          }
        : {}),
    },
    '400': { description: 'Invalid request', ...errorRef },
  };
  if (route.access !== 'public') {
    responses['401'] = { description: 'Not signed in', ...errorRef };
    responses['403'] = { description: 'Role not allowed, or missing CSRF token', ...errorRef };
  }
  return {
    operationId: `${route.method}${route.path.replace(/[/:]+([A-Za-z])/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    'x-escucha-access': route.access,
    security: route.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.schemas.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.schemas.body) } },
          },
        }
      : {}),
    responses,
  };
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema) as {
    properties?: Record<string, unknown>;
    required?: string[];
    allOf?: unknown[];
  };
  const properties = json.properties ?? {};
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(where === 'query' && isArray(property) ? { style: 'form', explode: false } : {}),
  }));
}

function isArray(property: unknown): boolean {
  return (
    typeof property === 'object' &&
    property !== null &&
    (property as { type?: unknown }).type === 'array'
  );
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
}
