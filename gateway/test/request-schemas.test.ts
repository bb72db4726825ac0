import {
  HOLDER_TRANSIENT_KEY,
  holdersTransient,
  HOLDERS_TRANSIENT_KEY,
  holderTransient,
  TRANSACTIONS,
  type TransactionName,
} from '@stadspas/chaincode/vocabulary';
import type { z } from 'zod';
import type { LedgerCall } from './support/fake-ledger';
import { buildTestApp } from './support/test-app';

type JsonSchema = Readonly<Record<string, unknown>>;
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};
interface Operation {
  parameters?: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

/** An example value built from a documented schema: its own example, else one made from its parts. */
function exampleOf(schema: JsonSchema, doc: Document): unknown {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    return exampleOf(doc.components.schemas[ref.replace('#/components/schemas/', '')] ?? {}, doc);
  }
  if (schema.example !== undefined) {
    return schema.example;
  }
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options?.[0] !== undefined) {
    return exampleOf(options[0], doc);
  }
  if (Array.isArray(schema.enum)) {
    return schema.enum[0] as unknown;
  }
  return exampleOfType(schema, doc);
}

function exampleOfType(schema: JsonSchema, doc: Document): unknown {
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, exampleOf(properties[name] ?? {}, doc)]));
    }
    case 'array':
      return [exampleOf(schema.items as JsonSchema, doc)];
    case 'boolean':
      return false;
    default:
      throw new Error(`no example for ${JSON.stringify(schema)}`);
  }
}

/** Operations whose documented example cannot reach the ledger by design: a QR payload must be signed. */
const needsSignedQr = new Set(['post /api/v1/scan', 'post /api/v1/redemptions']);

function transientHoldersOf(call: LedgerCall): [z.ZodType, unknown][] {
  const transient = call.transient ?? {};
  const checks: [z.ZodType, unknown][] = [];
  for (const [key, schema] of [
    [HOLDER_TRANSIENT_KEY, holderTransient],
    [HOLDERS_TRANSIENT_KEY, holdersTransient],
  ] as const) {
    const value = transient[key];
    if (value !== undefined) {
      checks.push([schema, JSON.parse(value)]);
    }
  }
  return checks;
}

/** A documented operation with a JSON body, its path filled in from the documented examples. */
interface DocumentedRequest {
  readonly operation: string;
  readonly method: 'post' | 'put';
  readonly url: string;
  readonly body: object;
}

function documentedRequests(doc: Document): DocumentedRequest[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]): DocumentedRequest[] => {
      const body = operation.requestBody?.content['application/json'].schema;
      if (body === undefined || needsSignedQr.has(`${method} ${path}`) || path.endsWith('/clients')) {
        return [];
      }
      const url = (operation.parameters ?? [])
        .filter((param) => param.in === 'path')
        .reduce(
          (filled, param) => filled.replace(`{${param.name}}`, String(exampleOf(param.schema, doc))),
          path,
        );
      return [
        {
          operation: `${method} ${path}`,
          method: method as 'post' | 'put',
          url,
          body: exampleOf(body, doc) as object,
        },
      ];
    }),
  );
}

/** The chaincode's parsers for what a ledger call carries: its request and any holder data in the transient map. */
function chaincodeChecksOf(call: LedgerCall): [z.ZodType, unknown][] {
  const schema = TRANSACTIONS[call.transaction as TransactionName].request as z.ZodType | undefined;
  return [
    ...(schema === undefined ? [] : [[schema, call.request] as [z.ZodType, unknown]]),
    ...transientHoldersOf(call),
  ];
}

describe('the request schemas are the chaincode’s', () => {
  it('when each documented request example is sent to the gateway, then it is accepted and what reaches the ledger passes the chaincode’s own parser', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    for (const name of Object.keys(TRANSACTIONS)) {
      if (name !== 'config:ListQrKeys') {
        ledger.on(name, () => ({}));
      }
    }
    const requests = documentedRequests((await http.get('/openapi.json')).body as Document);

    for (const request of requests) {
      const before = ledger.calls.length;
      // Each operation is allowed to some role: try the clients until one gets through to the ledger.
      for (const client of Object.values(clients)) {
        if (ledger.calls.length === before) {
          await http[request.method](request.url)
            .set(as(client))
            .set('Idempotency-Key', `example-${String(before)}`)
            .send(request.body);
        }
      }
      expect({ operation: request.operation, reachedLedger: ledger.calls.length > before }).toEqual({
        operation: request.operation,
        reachedLedger: true,
      });
    }

    for (const call of ledger.calls) {
      for (const [parser, value] of chaincodeChecksOf(call)) {
        expect({
          transaction: call.transaction,
          issues: parser.safeParse(value).error?.issues ?? [],
        }).toEqual({
          transaction: call.transaction,
          issues: [],
        });
      }
    }
    expect(requests.length).toBeGreaterThan(10);
  });
});
