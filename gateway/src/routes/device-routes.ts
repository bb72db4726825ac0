import { deviceId, deviceRecord, linkedDeviceView, linkLetterRecord } from '@stadspas/chaincode/vocabulary';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/route-spec';
import { emptyBody, passIdParams } from '../schemas/fields';
import { issueLinkLetter, unlinkDevice } from '../services/holder-app';
import type { ServiceDeps } from '../services/service-deps';
import { committed, ok } from './committed';

const tag = 'passes';

const linkLetter = linkLetterRecord
  .extend({
    linkCode: z.string().meta({
      description:
        'The code to print in the pass letter: shown once, never stored; the ledger keeps its digest',
      example: 'KQ7MX-3H9TP-WZ2RA-N8VCE',
    }),
  })
  .meta({ id: 'PrintedLinkLetter' });

/** The desk's side of the holder's app: pass letters to link a phone, and unlinking a lost phone. */
export function deviceRoutes(deps: ServiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/passes/{passId}/link-letter',
      tag,
      summary:
        "A new pass letter: a link code that, with the printed card, links one phone to the pass in the Mijn Stadspas app once; an earlier letter's code stops linking (municipality)",
      params: passIdParams,
      body: emptyBody,
      status: 201,
      response: linkLetter,
      forbidden: 'anyone but the pass’s municipality',
      handle: async ({ client, params }) => committed(await issueLinkLetter(deps, client, params.passId)),
    }),
    defineRoute({
      method: 'get',
      path: '/passes/{passId}/devices',
      tag,
      summary: "The holder's phones linked to the pass now (municipality)",
      params: passIdParams,
      status: 200,
      response: z.array(linkedDeviceView),
      forbidden: 'anyone but the pass’s municipality',
      handle: async ({ client, params }) =>
        ok(await deps.ledger.evaluate(client, 'devices:ListDevices', { passId: params.passId })),
    }),
    defineRoute({
      method: 'delete',
      path: '/passes/{passId}/devices/{deviceId}',
      tag,
      summary:
        "Unlink a holder's phone from the pass, e.g. a lost phone: its codes are refused from then on (municipality)",
      params: passIdParams.extend({ deviceId }),
      status: 200,
      response: deviceRecord,
      forbidden: 'anyone but the pass’s municipality',
      handle: async ({ client, params }) =>
        committed(await unlinkDevice(deps, client, { passId: params.passId, deviceId: params.deviceId })),
    }),
  ];
}
