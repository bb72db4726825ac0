import type { KeyStore } from '../auth/key-store';

/** A page of a gateway, as the start page links to it. */
export interface PageLink {
  readonly path: string;
  readonly title: string;
  readonly description: string;
  /** Whether the page needs a signed-in client. */
  readonly signIn: boolean;
}

export const scannerPage: PageLink = {
  path: '/scanner',
  title: 'Scanner',
  description: 'Scan a card, book a use, reverse a booking, claim payment (venues)',
  signIn: true,
};
export const adminPage: PageLink = {
  path: '/admin',
  title: 'Desk',
  description: 'Issue and print passes, batch issue, block, replace, renew; offers, venues and claims',
  signIn: true,
};
export const paymentsPage: PageLink = {
  path: '/payments',
  title: 'Payments',
  description: 'Approved claims to pay and their payment references (payer)',
  signIn: true,
};
export const holderPage: PageLink = {
  path: '/pass',
  title: 'My pass',
  description: 'A resident opens their own pass with the QR code on the card',
  signIn: false,
};

/**
 * The pages of this organisation's gateway, from what it holds: the gateway that signs cards is the
 * municipality's (desk and holder pages); one with venue clients is the venues' (scanner); one with payer
 * clients is the payer's (payments).
 */
export function pagesOf(keyStore: KeyStore, signsCards: boolean): readonly PageLink[] {
  const roles = new Set(keyStore.list().map((client) => client.role));
  return [
    ...(roles.has('venue') ? [scannerPage] : []),
    ...(signsCards ? [adminPage, holderPage] : []),
    ...(roles.has('payer') ? [paymentsPage] : []),
  ];
}
