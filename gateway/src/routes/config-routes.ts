import { defineRoute, type AnyRoute } from '../http/route-spec';
import { configRecord, qrKeyRecord } from '../schemas/response-schemas';
import { z } from '../http/zod';
import { setConfigBody } from '../schemas/config-schemas';
import { getConfig, listQrKeys, setConfig } from '../services/config-cases';
import type { ServiceDeps } from '../services/service-deps';
import { committed, ok } from './committed';

const tag = 'config';

/** Ledger-wide settings and the published QR keys. */
export function configRoutes(deps: ServiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/config',
      tag,
      summary: 'The pass-year boundary and the reversal window',
      status: 200,
      response: configRecord,
      handle: async ({ client }) => ok(await getConfig(deps, client)),
    }),
    defineRoute({
      method: 'put',
      path: '/config',
      tag,
      summary: 'Set the pass-year boundary and the reversal window (municipality admin)',
      body: setConfigBody,
      status: 200,
      response: configRecord,
      handle: async ({ client, body }) => committed(await setConfig(deps, client, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/config/qr-keys',
      tag,
      summary: 'The public keys that verify QR payloads, with their validity',
      status: 200,
      response: z.array(qrKeyRecord),
      handle: async ({ client }) => ok(await listQrKeys(deps, client)),
    }),
  ];
}
