import { existsSync, readFileSync } from 'node:fs';
import { isMunicipality, type Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { gatewayUrl, type ClientsFile } from './gateways';

/** The pages an organisation's gateway serves, as the gateway itself decides (see gateway/src/pages/page-set.ts). */
function pagesOf(org: Organisation): readonly (readonly [path: string, what: string])[] {
  const roles = new Set(org.clients.map((client) => client.role));
  return [
    ...(roles.has('venue') ? [['/scanner', 'a venue’s scanner: scan, book, reverse, claim'] as const] : []),
    ...(isMunicipality(org)
      ? [
          [
            '/admin',
            'the desk: issue and print passes, batches, block/replace/renew, offers, venues, claims',
          ] as const,
          ['/pass', 'a resident’s own pass, opened with the code on the card (no sign-in)'] as const,
        ]
      : []),
    ...(roles.has('payer') ? [['/payments', 'the payer: approved claims to pay'] as const] : []),
  ];
}

/**
 * Prints where the pages are and the demo clients' keys to sign in with, after `npm start`. A page asks for a key
 * once and keeps a session; the keys are those of the demo only.
 */
export function printPagesGuide(ctx: NetworkContext): void {
  console.log('\nPages in your browser (sign in once with a demo key below):');
  for (const org of ctx.network.organisations) {
    for (const [path, what] of pagesOf(org)) {
      console.log(`  ${`${gatewayUrl(org)}${path}`.padEnd(32)} ${what}`);
    }
  }
  if (!existsSync(ctx.paths.clientsFile)) {
    return;
  }
  const clients = (JSON.parse(readFileSync(ctx.paths.clientsFile, 'utf8')) as ClientsFile).clients;
  console.log('Demo keys:');
  for (const client of clients) {
    const role = client.venueId === undefined ? client.role : `${client.role} ${client.venueId}`;
    console.log(`  ${client.name.padEnd(18)} ${role.padEnd(24)} ${client.apiKey}`);
  }
}
