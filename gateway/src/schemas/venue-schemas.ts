import { z } from '../http/zod';
import { id, mspId, name, reason, slug } from './fields';

/** `POST /venues`. */
export const registerVenueBody = z
  .strictObject({
    venueId: id('zwembad-kardinge'),
    name: name.openapi({ example: 'Sportcentrum Kardinge' }),
    kind: slug('swimming-pool'),
    mspId: mspId.openapi({ example: 'VenuesMSP' }),
  })
  .openapi('RegisterVenue');

/** `POST /venues/{venueId}/suspend`. */
export const suspendVenueBody = z.strictObject({ reason });

/** `POST /venues/{venueId}/book-by-number` and `.../revoke`: why. */
export const bookByNumberBody = z.strictObject({ reason }).openapi('BookByNumberReason');

export const venueIdParams = z.strictObject({ venueId: id('zwembad-kardinge') });
