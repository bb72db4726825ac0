import type { FundedPassView, Page, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { makeVoucher } from './support/records';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';
import { readModelWithHistory } from './support/read-models';

const budgetVoucher = makeVoucher({ offerId: 'sportbudget-kind', kind: 'budget', unit: 'cents', byRule: 0 });

function makeFundedPass(): FundedPassView {
  return {
    passId: 'SP-0002',
    status: 'active',
    category: 'child',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T23:59:59.000Z',
    vouchers: [budgetVoucher],
  };
}

const refusal = new AppError('FORBIDDEN', 'pass SP-0001 carries no voucher of an offer SVBMSP funds');

describe('the payer reads what it funds', () => {
  it('when the payer reads a pass, then the chaincode’s funder view comes back as the SVB’s identity asked', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('passes:GetPass', () => makeFundedPass());

    const res = await http.get('/api/v1/passes/SP-0002').set(as(clients.payer));

    expect(res.status).toBe(200);
    expect(res.body).toEqual(makeFundedPass());
    expect(ledger.callsOf('passes:GetPass')[0]?.identity.mspId).toBe('SVBMSP');
  });

  it('when the payer lists a pass’s vouchers, then the vouchers the chaincode lets it see come back', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('vouchers:ListVouchers', () => [budgetVoucher]);

    const res = await http.get('/api/v1/passes/SP-0002/vouchers').set(as(clients.payer));

    expect(res.status).toBe(200);
    expect(res.body).toEqual([budgetVoucher]);
    expect(ledger.callsOf('vouchers:ListVouchers')[0]?.request).toEqual({ passId: 'SP-0002' });
  });

  it.each([['/api/v1/passes/SP-0001'], ['/api/v1/passes/SP-0001/vouchers']])(
    'when the payer reads %s of a pass carrying nothing it funds, then it is refused with 403 FORBIDDEN',
    async (path) => {
      const { http, ledger, clients, as } = buildTestApp();
      ledger.on('passes:GetPass', () => {
        throw refusal;
      });
      ledger.on('vouchers:ListVouchers', () => {
        throw refusal;
      });

      const res = await http.get(path).set(as(clients.payer));

      expect(res.status).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    },
  );

  it('when redemptions of an offer are listed, then the read model gives the funder its offer’s, page by page', async () => {
    const { http, clients, as } = buildTestApp({ readModel: readModelWithHistory(), roles: ['payer'] });

    const res = await http.get('/api/v1/redemptions?offerId=budget&pageSize=5').set(as(clients.payer));

    expect(res.status).toBe(200);
    expect((res.body as Page<RedemptionRecord>).items.map((r) => r.redemptionId)).toEqual(['pool-6']);
  });

  it('when the payer lists an offer it does not fund, then it is refused with 403 FORBIDDEN', async () => {
    const { http, clients, as } = buildTestApp({ readModel: readModelWithHistory(), roles: ['payer'] });

    const res = await http.get('/api/v1/redemptions?offerId=swim-5').set(as(clients.payer));

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it.each([['passId=SP-0001&offerId=swim-5'], ['venueId=zwembad-kardinge&offerId=swim-5']])(
    'when redemptions are filtered by %s at once, then it is refused with 400',
    async (query) => {
      const { http, ledger, clients, as } = buildTestApp();

      const res = await http.get(`/api/v1/redemptions?${query}`).set(as(clients.payer));

      expect(res.status).toBe(400);
      expect(ledger.calls).toEqual([]);
    },
  );
});

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
  components: {
    schemas: Record<string, { anyOf?: unknown[]; example?: unknown; properties?: Record<string, unknown> }>;
  };
}

describe('the payer’s reads in the OpenAPI document', () => {
  it('when the document is read, then a pass read answers the whole pass or the funder view', async () => {
    const { http } = buildTestApp();

    const doc = (await http.get('/openapi.json')).body as OpenApiDoc;

    expect(doc.components.schemas['PassRead']?.anyOf).toEqual([
      { $ref: '#/components/schemas/Pass' },
      { $ref: '#/components/schemas/FundedPass' },
    ]);
    expect(Object.keys(doc.components.schemas['FundedPass']?.properties ?? {})).not.toContain('holderHash');
    expect(Object.keys(doc.components.schemas['FundedPass']?.properties ?? {})).not.toContain('holderRef');
    expect(doc.components.schemas['FundedPass']?.example).toMatchObject({
      passId: 'SP-0002',
      category: 'child',
    });
  });

  it('when the document is read, then the funder refusals are documented as 403', async () => {
    const { http } = buildTestApp();

    const doc = (await http.get('/openapi.json')).body as OpenApiDoc;

    for (const path of [
      '/api/v1/passes/{passId}',
      '/api/v1/passes/{passId}/vouchers',
      '/api/v1/redemptions',
    ]) {
      expect(doc.paths[path]?.['get']?.responses['403']?.description).toMatch(/^FORBIDDEN: .*fund/);
    }
  });
});
