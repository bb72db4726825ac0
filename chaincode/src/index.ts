import type { Contract } from 'fabric-contract-api';
import { ClaimsContract } from './contracts/claims-contract';
import { ConfigContract } from './contracts/config-contract';
import { DevicesContract } from './contracts/devices-contract';
import { OffersContract } from './contracts/offers-contract';
import { PassesContract } from './contracts/passes-contract';
import { RedemptionsContract } from './contracts/redemptions-contract';
import { SchemeContract } from './contracts/scheme-contract';
import { VenuesContract } from './contracts/venues-contract';
import { VouchersContract } from './contracts/vouchers-contract';

export {
  ClaimsContract,
  ConfigContract,
  DevicesContract,
  OffersContract,
  PassesContract,
  RedemptionsContract,
  SchemeContract,
  VenuesContract,
  VouchersContract,
};
export * as vocabulary from './vocabulary';

/** The contracts `fabric-chaincode-node server` serves; transaction names are `<contract>:<Function>`. */
export const contracts: (typeof Contract)[] = [
  SchemeContract,
  ConfigContract,
  VenuesContract,
  OffersContract,
  PassesContract,
  DevicesContract,
  VouchersContract,
  RedemptionsContract,
  ClaimsContract,
];
