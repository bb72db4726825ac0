import type { KeyStore } from '../auth/key-store';
import type { MessageKey } from './words';

/** A page of a gateway, as the start page links to it. */
export interface PageLink {
  readonly path: string;
  /** The catalogue's key of the page's title. */
  readonly title: MessageKey;
  /** The catalogue's key of what the page is for. */
  readonly description: MessageKey;
  /** Whether the page needs a signed-in client. */
  readonly signIn: boolean;
}

export const scannerPage: PageLink = {
  path: '/scanner',
  title: 'page.scanner.title',
  description: 'page.scanner.description',
  signIn: true,
};
export const adminPage: PageLink = {
  path: '/admin',
  title: 'page.admin.title',
  description: 'page.admin.description',
  signIn: true,
};
export const paymentsPage: PageLink = {
  path: '/payments',
  title: 'page.payments.title',
  description: 'page.payments.description',
  signIn: true,
};
export const holderPage: PageLink = {
  path: '/pass',
  title: 'page.holder.title',
  description: 'page.holder.description',
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
