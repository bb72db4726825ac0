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
