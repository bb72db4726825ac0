import type { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { OrgPaths } from '../description/paths';

/**
 * The single certificate or key file of an MSP folder such as `signcerts/` or `keystore/`.
 * @throws Error when the folder does not hold exactly one.
 */
export function onlyFile(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.pem') || f.endsWith('_sk'));
  const first = files[0];
  if (files.length !== 1 || first === undefined) {
    throw new Error(`expected exactly one file in ${dir}, found ${files.length}`);
  }
  return join(dir, first);
}

/** Writes the NodeOUs configuration that makes the OU of a certificate (client, peer, admin, orderer) its role. */
export function writeNodeOus(mspDir: string, caCertRelative: string): void {
  const identifier = (ou: string): { Certificate: string; OrganizationalUnitIdentifier: string } => ({
    Certificate: caCertRelative,
    OrganizationalUnitIdentifier: ou,
  });
  const config = {
    NodeOUs: {
      Enable: true,
      ClientOUIdentifier: identifier('client'),
      PeerOUIdentifier: identifier('peer'),
      AdminOUIdentifier: identifier('admin'),
      OrdererOUIdentifier: identifier('orderer'),
    },
  };
  writeFileSync(join(mspDir, 'config.yaml'), stringify(config));
}

/** Makes an enrolled local MSP usable by peers, orderers and the peer CLI. */
export function completeLocalMsp(mspDir: string): void {
  if (existsSync(join(mspDir, 'config.yaml'))) {
    return;
  }
  const caCert = onlyFile(join(mspDir, 'cacerts'));
  writeNodeOus(mspDir, join('cacerts', caCert.split('/').pop() ?? ''));
}

/** Copies an enrolled TLS identity to fixed names: server.crt, server.key, ca.crt. */
export function normaliseTls(tlsDir: string): void {
  if (existsSync(join(tlsDir, 'server.crt'))) {
    return;
  }
  copyFileSync(onlyFile(join(tlsDir, 'signcerts')), join(tlsDir, 'server.crt'));
  copyFileSync(onlyFile(join(tlsDir, 'keystore')), join(tlsDir, 'server.key'));
  copyFileSync(onlyFile(join(tlsDir, 'tlscacerts')), join(tlsDir, 'ca.crt'));
}

/** Puts a renewed TLS certificate under the fixed name the node reads, with one rename. */
export function refreshServerCert(tlsDir: string): void {
  const next = join(tlsDir, 'server.crt.next');
  copyFileSync(onlyFile(join(tlsDir, 'signcerts')), next);
  renameSync(next, join(tlsDir, 'server.crt'));
}

/** Writes the organisation's MSP as the channel knows it: its root CA, its TLS root CA and NodeOUs. */
export function writeOrgMsp(org: OrgPaths): void {
  mkdirSync(join(org.msp, 'cacerts'), { recursive: true });
  mkdirSync(join(org.msp, 'tlscacerts'), { recursive: true });
  copyFileSync(org.caCert, join(org.msp, 'cacerts', 'ca.pem'));
  copyFileSync(org.tlsCaCert, join(org.msp, 'tlscacerts', 'tlsca.pem'));
  writeNodeOus(org.msp, 'cacerts/ca.pem');
}

/**
 * Whether an issuer signed a certificate: the certificate names it as issuer, and the issuer's key verifies the
 * signature (a name alone is not proof).
 */
export function signedBy(issuer: X509Certificate, subject: X509Certificate): boolean {
  return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}
