import { idempotencyKeyOf } from '../http/idempotency-key';
import { defineRoute, type AnyRoute } from '../http/route-spec';
import {
  cardNumberPass,
  holderAck,
  importedBatch,
  issuedBatch,
  issuedPass,
  passVersions,
  passRead,
  passRecord,
  replacedPass,
  voucherList,
  voucherView,
} from '../schemas/response-schemas';
import { emptyBody, passIdParams } from '../schemas/fields';
import {
  blockPassBody,
  cardNumberBody,
  grantVoucherBody,
  issuePassBody,
  importPassesBody,
  issuePassesBody,
  qrQuery,
  renewPassBody,
  replacePassBody,
} from '../schemas/pass-schemas';
import { findPassByCardNumber } from '../services/card-numbers';
import { drawPassId, importPasses, issuePass, issuePasses } from '../services/issue-passes';
import {
  blockPass,
  getPass,
  grantVoucher,
  listVouchers,
  passHistory,
  purgeHolder,
  renewPass,
  replacePass,
  unblockPass,
} from '../services/pass-cases';
import { passQrImage } from '../services/pass-qr';
import type { ServiceDeps } from '../services/service-deps';
import { committed, ok, transactionIdHeader } from './committed';

const tag = 'passes';

/** Passes: issue, look up, block, replace, renew, grant vouchers, print, erase personal data. */
export function passRoutes(deps: ServiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/passes',
      tag,
      summary: 'Issue a pass; the personal data goes to the private collection only (municipality)',
      body: issuePassBody,
      status: 201,
      response: issuedPass,
      handle: async ({ client, body }) => {
        const issued = await issuePass(deps, client, body);
        return {
          body: {
            pass: issued.pass,
            passId: issued.pass.passId,
            cardNumber: issued.cardNumber,
            qr: issued.qr,
          },
          headers: { [transactionIdHeader]: issued.transactionId },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/passes/batch',
      tag,
      summary: 'Issue many passes in one transaction (municipality)',
      body: issuePassesBody,
      status: 201,
      response: issuedBatch,
      handle: async ({ client, body }) => {
        const { transactionId, ...issued } = await issuePasses(deps, client, body.passes);
        return { body: issued, headers: { [transactionIdHeader]: transactionId } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/passes/import',
      tag,
      summary:
        'Carry passes over from another system with their holders and opening balances, recorded as a migration ' +
        '(municipality admin); a pass with a booking here is refused (ALREADY_BOOKED)',
      body: importPassesBody,
      status: 201,
      response: importedBatch,
      handle: async ({ client, body }) => {
        const { transactionId, ...imported } = await importPasses(deps, client, body.passes);
        return { body: imported, headers: { [transactionIdHeader]: transactionId } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/passes/lookup',
      tag,
      summary:
        'The pass a card number names, asked of the issuing municipality’s peer, which alone links the two (municipality; a venue allowed to book by number)',
      body: cardNumberBody,
      status: 200,
      response: cardNumberPass,
      forbidden: 'anyone but the municipality and the venues it allowed to book by number',
      handle: async ({ client, body }) => ok(await findPassByCardNumber(deps, client, body.cardNumber)),
    }),
    defineRoute({
      method: 'get',
      path: '/passes/{passId}',
      tag,
      summary:
        'A pass with its status, validity and vouchers with balances (municipality); a funder gets a FundedPass: what a venue sees of the card, with only the vouchers of the offers it funds (a venue scans the card instead)',
      params: passIdParams,
      status: 200,
      response: passRead,
      forbidden:
        'a venue (it scans the card), an organisation funding no offer, or a funder when the pass carries no voucher of its offers',
      handle: async ({ client, params }) => ok(await getPass(deps, client, params.passId)),
    }),
    defineRoute({
      method: 'get',
      path: '/passes/{passId}/vouchers',
      tag,
      summary:
        'The pass’s vouchers with balances: all of them (municipality), or only those of the offers the caller funds (funder)',
      params: passIdParams,
      status: 200,
      response: voucherList,
      forbidden:
        'a venue (it scans the card), an organisation funding no offer, or a funder when the pass carries no voucher of its offers',
      handle: async ({ client, params }) => ok(await listVouchers(deps, client, params.passId)),
    }),
    defineRoute({
      method: 'get',
      path: '/passes/{passId}/history',
      tag,
      summary: 'Every committed version of a pass (municipality)',
      params: passIdParams,
      status: 200,
      response: passVersions,
      forbidden:
        'anyone but the municipality: the versions carry the holder hash (a funder lists redemptions instead)',
      handle: async ({ client, params }) => ok(await passHistory(deps, client, params.passId)),
    }),
    defineRoute({
      method: 'post',
      path: '/passes/{passId}/block',
      tag,
      summary: 'Block a pass, e.g. a lost card (municipality)',
      params: passIdParams,
      body: blockPassBody,
      status: 200,
      response: passRecord,
      handle: async ({ client, params, body }) =>
        committed(await blockPass(deps, client, params.passId, body.reason)),
    }),
    defineRoute({
      method: 'post',
      path: '/passes/{passId}/unblock',
      tag,
      summary: 'Unblock a pass (municipality)',
      params: passIdParams,
      body: emptyBody.optional(),
      status: 200,
      response: passRecord,
      handle: async ({ client, params }) => committed(await unblockPass(deps, client, params.passId)),
    }),
    defineRoute({
      method: 'post',
      path: '/passes/{passId}/replace',
      tag,
      summary:
        'Replace a lost card: a new pass (its id drawn unless given) takes over the vouchers and the card number (municipality)',
      params: passIdParams,
      body: replacePassBody,
      status: 200,
      response: replacedPass,
      handle: async ({ client, params, body }) => {
        const newPassId = body.newPassId ?? drawPassId();
        const replaced = await replacePass(deps, client, params.passId, newPassId);
        return {
          ...committed(replaced),
          body: { ...replaced.result, qr: deps.qrSigner?.sign(newPassId) },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/passes/{passId}/renew',
      tag,
      summary: 'Renew a pass for a new period (municipality)',
      params: passIdParams,
      body: renewPassBody,
      status: 200,
      response: passRecord,
      handle: async ({ client, params, body }) =>
        committed(await renewPass(deps, client, params.passId, body.validUntil)),
    }),
    defineRoute({
      method: 'post',
      path: '/passes/{passId}/vouchers',
      tag,
      summary:
        'Grant a voucher to this pass, e.g. a child sports budget in cents (funder); retrying with the same Idempotency-Key grants once',
      params: passIdParams,
      body: grantVoucherBody,
      idempotencyKey: 'required',
      status: 201,
      response: voucherView,
      handle: async ({ client, params, body, req }) =>
        committed(
          await grantVoucher(deps, client, {
            requestId: idempotencyKeyOf(req),
            passId: params.passId,
            ...body,
          }),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/passes/{passId}/qr',
      tag,
      summary: 'The signed QR code of a pass as PNG or SVG, for printing cards (municipality)',
      params: passIdParams,
      query: qrQuery,
      status: 200,
      produces: ['image/png', 'image/svg+xml'],
      handle: async ({ client, params, query }) => {
        const image = await passQrImage(deps, client, params.passId, query.format);
        return { raw: { contentType: image.contentType, bytes: image.body } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/passes/{passId}/holder',
      tag,
      summary: 'Erase the holder’s personal data (right to erasure; municipality)',
      params: passIdParams,
      status: 200,
      response: holderAck,
      handle: async ({ client, params }) => committed(await purgeHolder(deps, client, params.passId)),
    }),
  ];
}
