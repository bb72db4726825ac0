import {
  bookByNumberRequest,
  registerVenueRequest,
  setBankAccountRequest,
  suspendVenueRequest,
  venueIdRequest,
} from '@stadspas/chaincode/vocabulary';

/** `POST /venues`. */
export const registerVenueBody = registerVenueRequest;

/** `POST /venues/{venueId}/suspend`. */
export const suspendVenueBody = suspendVenueRequest.omit({ venueId: true });

/** `POST /venues/{venueId}/book-by-number` and `.../revoke`: why. */
export const bookByNumberBody = bookByNumberRequest
  .omit({ venueId: true })
  .meta({ id: 'BookByNumberReason' });

/** `PUT /venues/{venueId}/bank-account`. */
export const bankAccountBody = setBankAccountRequest.omit({ venueId: true }).meta({ id: 'BankAccount' });

export const venueIdParams = venueIdRequest;
