import type { SchemeOrganisation, SchemeRole } from '@stadspas/chaincode/vocabulary';
import { html, type SafeHtml } from './html';

/**
 * `<option>`s of the scheme's organisations that play one of `roles`, by MSP id, named as the scheme names them:
 * the pages never name an organisation of their own, so one that joins the scheme appears on them.
 */
export function organisationOptions(
  organisations: readonly SchemeOrganisation[],
  roles: readonly SchemeRole[],
): SafeHtml {
  const options = organisations
    .filter((org) => org.roles.some((role) => roles.includes(role)))
    .map((org) => html`<option value="${org.mspId}">${org.name}</option>`);
  return html`${options}`;
}
