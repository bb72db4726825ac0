import type { SchemeRole } from '@stadspas/chaincode/vocabulary';
import { pagesOf } from './page-set';
import { wordsFor } from './words';

/**
 * The pages an organisation's gateway serves, as the gateway decides them, with what each is for in English:
 * what `npm start` prints for each organisation.
 */
export function pageGuide(roles: readonly SchemeRole[]): { path: string; description: string }[] {
  const { t } = wordsFor('en');
  return pagesOf(roles).map((page) => ({ path: page.path, description: t(page.description) }));
}
