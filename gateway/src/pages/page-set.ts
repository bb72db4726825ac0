import type { SchemeRole } from '@stadspas/chaincode/vocabulary';
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
export const venuesPage: PageLink = {
  path: '/venues',
  title: 'page.venues.title',
  description: 'page.venues.description',
  signIn: true,
};
export const clientsPage: PageLink = {
  path: '/clients',
  title: 'page.clients.title',
  description: 'page.clients.description',
  signIn: true,
};
/** What is on offer, and where: for everyone, on every organisation's gateway. */
export const offersPage: PageLink = {
  path: '/aanbod',
  title: 'page.offers.title',
  description: 'page.offers.description',
  signIn: false,
};
/** The holder's app: installable, on every organisation's gateway. */
export const appPage: PageLink = {
  path: '/mijn/',
  title: 'page.app.title',
  description: 'page.app.description',
  signIn: false,
};
export const holderPage: PageLink = {
  path: '/pass',
  title: 'page.holder.title',
  description: 'page.holder.description',
  signIn: false,
};

/** The order the start page lists the pages in. */
const PAGE_ORDER: readonly SchemeRole[] = ['venues', 'municipality', 'payer'];

/** The pages each role in the scheme gives an organisation's gateway. */
const PAGES_OF_ROLE: Readonly<Record<SchemeRole, readonly PageLink[]>> = {
  venues: [scannerPage, venuesPage],
  municipality: [adminPage],
  payer: [paymentsPage],
};

/**
 * The pages of an organisation's gateway, decided once, from what the organisation does in the scheme: a
 * municipality's has the desk, a venues organisation's the scanner and its venues' bank accounts, the payer's the
 * payments; every
 * organisation's has the holder's app and page (no single outage blinds a holder), the public page of what is on
 * offer and its admin's page of its API clients.
 */
export function pagesOf(roles: readonly SchemeRole[]): readonly PageLink[] {
  return [
    ...PAGE_ORDER.filter((role) => roles.includes(role)).flatMap((role) => PAGES_OF_ROLE[role]),
    appPage,
    holderPage,
    offersPage,
    clientsPage,
  ];
}
