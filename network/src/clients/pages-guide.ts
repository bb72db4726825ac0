import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageGuide } from '@stadspas/gateway/pages';
import type { NetworkContext } from '../description/context';
import { gatewayUrl, type ClientsFile } from './gateways';

/**
 * Prints where the pages are and the demo clients' keys to sign in with, after `npm start`. A page asks for a key
 * once and keeps a session; the keys are those of the demo only.
 */
export function printPagesGuide(ctx: NetworkContext): void {
  console.log('\nPages in your browser (sign in once with a demo key below):');
  console.log(
    `  (the gateways speak HTTPS with the organisations' own CAs: trust ${join(ctx.paths.home, 'tls-ca.pem')}, README "Pages")`,
  );
  for (const org of ctx.network.organisations) {
    for (const { path, description } of pageGuide(org.roles)) {
      console.log(`  ${`${gatewayUrl(org)}${path}`.padEnd(32)} ${description}`);
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
