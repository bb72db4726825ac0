import { setConfigRequest, setDiscountNormRequest } from '@stadspas/chaincode/vocabulary';

/** `PUT /config`: the ledger-wide settings (municipality admin). */
export const setConfigBody = setConfigRequest;

/** `PUT /config/discount-norm`: the calling municipality's discount norm (its admin). */
export const setDiscountNormBody = setDiscountNormRequest;
