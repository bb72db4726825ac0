import { z } from 'zod';
import { iban, id, mspId, name, reason, slug } from './fields';

export const venueId = id('zwembad-kardinge');

export const registerVenueRequest = z
  .strictObject({
    venueId,
    name: name.meta({ example: 'Sportcentrum Kardinge' }),
    /** A slug such as `swimming-pool` or `museum`. */
    kind: slug('swimming-pool'),
    /** The organisation whose identities act for this venue. */
    mspId,
  })
  .meta({ id: 'RegisterVenue', description: 'A place where passes are used.' });
export type RegisterVenueRequest = z.infer<typeof registerVenueRequest>;

/** Changes name, kind and/or organisation of a venue. */
export const updateVenueRequest = registerVenueRequest
  .partial({ name: true, kind: true, mspId: true })
  .refine(
    (request) => request.name !== undefined || request.kind !== undefined || request.mspId !== undefined,
    {
      error: 'give at least one of name, kind, mspId',
    },
  );
export type UpdateVenueRequest = z.infer<typeof updateVenueRequest>;

export const suspendVenueRequest = z.strictObject({ venueId, reason });
export type SuspendVenueRequest = z.infer<typeof suspendVenueRequest>;

export const venueIdRequest = z.strictObject({ venueId });
export type VenueIdRequest = z.infer<typeof venueIdRequest>;

/** Grants or revokes a venue's permission to book by pass number. */
export const bookByNumberRequest = z.strictObject({ venueId, reason });
export type BookByNumberRequest = z.infer<typeof bookByNumberRequest>;

/** The account a venue is paid on, set by an admin of the venue's own organisation. */
export const setBankAccountRequest = z
  .strictObject({
    venueId,
    iban,
    /** The account holder's name, as the bank knows it. */
    accountHolder: name.meta({ example: 'Sportcentrum Kardinge B.V.' }),
  })
  .meta({ id: 'SetBankAccount', description: 'The bank account a venue is paid on.' });
export type SetBankAccountRequest = z.infer<typeof setBankAccountRequest>;
