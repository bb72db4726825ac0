import { createOfferRequest, offerIdRequest } from '@stadspas/chaincode/vocabulary';

/** `POST /offers`. */
export const createOfferBody = createOfferRequest;

export const offerIdParams = offerIdRequest;
