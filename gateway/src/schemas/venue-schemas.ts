import { registerVenueRequest, suspendVenueRequest, venueIdRequest } from '@stadspas/chaincode/vocabulary';

/** `POST /venues`. */
export const registerVenueBody = registerVenueRequest;

/** `POST /venues/{venueId}/suspend`. */
export const suspendVenueBody = suspendVenueRequest.omit({ venueId: true });

export const venueIdParams = venueIdRequest;
