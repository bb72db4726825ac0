import { z } from 'zod';
import { setConfigRequest } from './config-requests';
import { id, mspId, name } from './fields';
import { PERSONAL_DATA_COLLECTION_PATTERN, SCHEME_ROLES } from './organisations';

const MAX_ORGANISATIONS = 50;

/** One organisation of the scheme and what it does there. */
export const schemeOrganisation = z
  .strictObject({
    mspId,
    name: name.meta({ example: 'Gemeente Westerkwartier' }),
    roles: z
      .array(z.enum(SCHEME_ROLES))
      .min(1)
      .max(SCHEME_ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, 'must not hold a role twice'),
    /** A municipality's private data collection for its holders; only municipalities have one. */
    personalDataCollection: z
      .string()
      .regex(PERSONAL_DATA_COLLECTION_PATTERN, 'must be a collection name like westerkwartierPersonalData')
      .optional(),
  })
  .refine(
    (org) => org.roles.includes('municipality') === (org.personalDataCollection !== undefined),
    'a municipality names its personalDataCollection, other organisations have none',
  )
  .meta({
    id: 'SchemeOrganisation',
    example: {
      mspId: 'WesterkwartierMSP',
      name: 'Gemeente Westerkwartier',
      roles: ['municipality'],
      personalDataCollection: 'westerkwartierPersonalData',
    },
  });
export type SchemeOrganisation = z.infer<typeof schemeOrganisation>;

/** Every organisation of the scheme, each once, each municipality with a collection of its own. */
export const schemeOrganisations = z
  .array(schemeOrganisation)
  .min(1)
  .max(MAX_ORGANISATIONS)
  .superRefine((orgs, ctx) => {
    const distinct = (values: (string | undefined)[]): boolean =>
      new Set(values.filter((v) => v !== undefined)).size === values.filter((v) => v !== undefined).length;
    if (!distinct(orgs.map((org) => org.mspId))) {
      ctx.addIssue({ code: 'custom', message: 'must not name an organisation twice' });
    }
    if (!distinct(orgs.map((org) => org.personalDataCollection))) {
      ctx.addIssue({ code: 'custom', message: 'municipalities must not share a personal data collection' });
    }
  });

export const setUpSchemeRequest = z
  .strictObject({ organisations: schemeOrganisations })
  .meta({ id: 'SetUpScheme', description: 'The first scheme of a new ledger: who does what.' });
export type SetUpSchemeRequest = z.infer<typeof setUpSchemeRequest>;

export const schemeProposalId = id('add-westerkwartier');

export const proposeSchemeChangeRequest = z
  .strictObject({
    proposalId: schemeProposalId,
    organisations: schemeOrganisations,
    /** New ledger-wide settings, which bind every organisation and so change only with the majority. */
    config: setConfigRequest.optional(),
  })
  .meta({
    id: 'ProposeSchemeChange',
    description:
      'A whole new scheme, and optionally new ledger-wide settings; it takes effect once admins of a majority of ' +
      'its current organisations approve.',
  });
export type ProposeSchemeChangeRequest = z.infer<typeof proposeSchemeChangeRequest>;

export const schemeProposalIdRequest = z.strictObject({ proposalId: schemeProposalId });
export type SchemeProposalIdRequest = z.infer<typeof schemeProposalIdRequest>;
