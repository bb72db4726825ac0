import { setConfigRequest } from '@stadspas/chaincode/vocabulary';

/** `PUT /config`: the ledger-wide settings (municipality admin). */
export const setConfigBody = setConfigRequest;
