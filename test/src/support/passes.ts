import type { RestClient } from './rest-client';

const DAY = 86_400_000;

/** A pass the municipality issues for a story, valid from yesterday for a year; its card's QR code. */
export async function issueCard(
  municipality: RestClient<{ readonly qr?: string }>,
  pass: { readonly passId: string; readonly category: string; readonly holder: string },
): Promise<string> {
  const issued = await municipality.post('/passes', {
    passId: pass.passId,
    category: pass.category,
    validFrom: new Date(Date.now() - DAY).toISOString(),
    validUntil: new Date(Date.now() + 365 * DAY).toISOString(),
    personalData: {
      name: pass.holder,
      bsn: '123456782',
      dateOfBirth: '1980-01-01',
      address: 'Teststraat 1, 9700 AA Groningen',
    },
  });
  expect(issued.status).toBe(201);
  return issued.body.qr ?? '';
}
