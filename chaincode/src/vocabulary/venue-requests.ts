import { z } from 'zod';
import { id, mspId, name, reason, slug } from './fields';

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
