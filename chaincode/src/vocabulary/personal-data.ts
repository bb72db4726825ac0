import { z } from 'zod';
import { date, name } from './fields';

const BSN_PATTERN = /^\d{9}$/;

/**
 * The Dutch "elfproef" of a BSN: nine digits whose weighted sum (9..2, and -1 for the last) is
 * divisible by 11. The chaincode refuses BSNs that fail it, so a client can check before issuing.
 * Never throws.
 */
export function isValidBsn(bsn: string): boolean {
  if (!BSN_PATTERN.test(bsn)) {
    return false;
  }
  const digits = Array.from(bsn, Number);
  const sum = digits.reduce((total, digit, index) => total + digit * (index === 8 ? -1 : 9 - index), 0);
  return sum % 11 === 0;
}

/** Personal data of a pass holder; lives only in the municipality's private collection. */
export const personalData = z
  .strictObject({
    name: name.meta({ example: 'J. de Vries' }),
    bsn: z
      .string()
      .regex(BSN_PATTERN, 'must be nine digits')
      .refine(isValidBsn, 'fails the eleven test')
      .meta({
        example: '111222333',
      }),
    dateOfBirth: date.meta({ example: '1990-05-17' }),
    address: name.meta({ example: 'Grote Markt 1, 9711 LV Groningen' }),
  })
  .meta({ id: 'PersonalData' });
export type PersonalData = z.infer<typeof personalData>;
