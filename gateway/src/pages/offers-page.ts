import type { OfferKind, OfferRecord, SchemeOrganisation, VenueRecord } from '@stadspas/chaincode/vocabulary';
import { html, type SafeHtml } from './html';
import { isMessageKey, type Words } from './words';

/** An offer as the public page shows it: what it gives, to whom, where, until when and who pays. */
export interface PublicOffer {
  readonly offer: OfferRecord;
  readonly venues: readonly VenueRecord[];
  readonly funder: string;
}

/**
 * The offers a resident can use now, with their venues: active, within their validity, by name. Venues that
 * left the ledger are left out; an offer's funder goes by its name in the scheme.
 */
export function publicOffers(
  offers: readonly OfferRecord[],
  venues: readonly VenueRecord[],
  organisations: readonly SchemeOrganisation[],
  now: string,
): PublicOffer[] {
  const venueById = new Map(venues.map((venue) => [venue.venueId, venue]));
  return offers
    .filter((offer) => offer.status === 'active' && offer.validFrom <= now && now < offer.validUntil)
    .sort((a, b) => a.name.localeCompare(b.name) || a.offerId.localeCompare(b.offerId))
    .map((offer) => ({
      offer,
      venues: offer.eligibleVenueIds.flatMap((id) => venueById.get(id) ?? []),
      funder: organisations.find((org) => org.mspId === offer.funderMspId)?.name ?? offer.funderMspId,
    }));
}

/** What an offer gives a pass, in a sentence; each kind has its own, and a new kind does not compile without one. */
const WHAT_IT_GIVES: Readonly<Record<OfferKind, (words: Words, offer: OfferRecord) => string>> = {
  entries: (words, offer) =>
    words.t('offers.gives.entries', { amount: words.amount(offer.entriesPerPeriod ?? 0, 'entries') }),
  budget: (words, offer) =>
    words.t('offers.gives.budget', { amount: words.amount(offer.budgetCentsPerPeriod ?? 0, 'cents') }),
  discount: (words, offer) =>
    words.t('offers.gives.discount', {
      percent: offer.discountPercent ?? 0,
      max: words.amount(offer.maxAmountCentsPerBooking ?? 0, 'cents'),
    }),
};

/** A pass category in the page's language, or as the ledger names it when the catalogue has no word for it. */
function category(words: Words, slug: string): string {
  const key = `offers.category.${slug}`;
  return isMessageKey(key) ? words.t(key) : slug;
}

function offerCard(words: Words, { offer, venues, funder }: PublicOffer): SafeHtml {
  const { t } = words;
  const places = venues.map((venue) => html`<li>${venue.name}</li>`);
  return html`<article class="card offer" aria-labelledby="offer-${offer.offerId}">
    <h2 id="offer-${offer.offerId}">${offer.name}</h2>
    <p class="offer-gives">${WHAT_IT_GIVES[offer.kind](words, offer)}</p>
    <p>
      ${t('offers.for', {
        categories: offer.eligibleCategories.map((slug) => category(words, slug)).join(', '),
      })}
    </p>
    <h3>${t('offers.where')}</h3>
    <ul class="offer-venues">
      ${places}
    </ul>
    <p>${t('offers.until', { date: words.lastDay(offer.validUntil) })} · ${t('offers.funder', { funder })}</p>
  </article>`;
}

/** The public page of what is on offer: no sign-in, the same on every partner's gateway. */
export function offersBody(words: Words, offers: readonly PublicOffer[]): SafeHtml {
  const { t } = words;
  return html`<p class="intro">${t('offers.intro')}</p>
    ${
      offers.length === 0
        ? html`<p class="card">${t('offers.none')}</p>`
        : offers.map((offer) => offerCard(words, offer))
    }`;
}
