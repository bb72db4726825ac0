import { z } from '../http/zod';
import { clientRecordSchema } from '../auth/client-identity';

/** The fields of a client that its onboarding chooses; the key store's own schema, so they always fit it. */
export const newClientFields = clientRecordSchema.pick({ name: true, role: true, venueId: true });

/** `POST /clients`: a new identity of this organisation and its API key. */
export const onboardClientBody = newClientFields
  .refine((body) => (body.role === 'venue') === (body.venueId !== undefined), {
    error: 'venueId is required for, and only for, role venue',
    path: ['venueId'],
  })
  .meta({ id: 'OnboardClient' });

/** `DELETE /clients/{name}`: the client whose API key is revoked. */
export const clientNameParams = z.strictObject({ name: clientRecordSchema.shape.name });
