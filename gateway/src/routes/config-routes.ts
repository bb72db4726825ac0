import { defineRoute, type AnyRoute } from '../http/route-spec';
import { configRecord, discountNormRecord, qrKeyRecord } from '../schemas/response-schemas';
import { z } from '../http/zod';
import { setConfigBody, setDiscountNormBody } from '../schemas/config-schemas';
import { getConfig, listQrKeys, setConfig, setDiscountNorm } from '../services/config-cases';
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
      method: 'put',
      path: '/config/discount-norm',
      tag,
      summary:
        "Set the discount the municipality expects discount offers to give on its passes (its admin); the council's " +
        'figures show each offer against it',
      body: setDiscountNormBody,
      status: 200,
      response: discountNormRecord,
      handle: async ({ client, body }) => committed(await setDiscountNorm(deps, client, body)),
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
