import { AppError } from '../src/errors/app-error';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';

describe('/config', () => {
  it('when the municipality admin sets the configuration, then SetConfig gets it as sent', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('config:SetConfig', ({ request }) => ({ ...(request as object), initialised: true }));

    const res = await http
      .put('/api/v1/config')
      .set(as(clients.admin))
      .send({ passYearStart: '08-01', reversalWindowSeconds: 900 });

    expect(res.status).toBe(200);
    expect(ledger.callsOf('config:SetConfig')[0]?.request).toEqual({
      passYearStart: '08-01',
      reversalWindowSeconds: 900,
    });
  });

  it('when the pass year does not start on the first of a month, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http
      .put('/api/v1/config')
      .set(as(clients.admin))
      .send({ passYearStart: '08-15', reversalWindowSeconds: 900 });

    expect(res.status).toBe(400);
  });

  it('when staff try to change the configuration, then the chaincode’s FORBIDDEN comes back as 403', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('config:SetConfig', () => {
      throw new AppError('FORBIDDEN', 'only GemeenteMSP identities with role admin may do this');
    });

    const res = await http
      .put('/api/v1/config')
      .set(as(clients.staff))
      .send({ passYearStart: '01-01', reversalWindowSeconds: 60 });

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('when the QR keys are listed, then the ledger’s published keys come back', async () => {
    const { http, clients, as, signer } = buildTestApp();

    const res = await http.get('/api/v1/config/qr-keys').set(as(clients.venue));

    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ keyId: signer.keyId })]);
  });
});
