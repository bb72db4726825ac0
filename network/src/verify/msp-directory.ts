import { X509Certificate, verify } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { signedBy } from '../identities/msp';

/** One organisation's MSP as a channel configuration defines it: what its certificates are checked against. */
export interface MspDefinition {
  readonly mspId: string;
  readonly roots: readonly X509Certificate[];
  readonly intermediates: readonly X509Certificate[];
  /** Certificates named as admins outright (besides the admin OU). */
  readonly admins: readonly X509Certificate[];
  /** The OU that marks each role when NodeOUs are on; undefined when they are off. */
  readonly roleOus?: Readonly<Record<'admin' | 'client' | 'peer' | 'orderer', string>>;
}

/** The roles of Fabric's `MSPRole`, by their protobuf number. */
export type MspRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';
const ROLE_OF_NUMBER: readonly MspRole[] = ['member', 'admin', 'client', 'peer', 'orderer'];

/** The role an `MSPRole` number names; undefined for a number Fabric does not define. */
export function roleOfNumber(role: number): MspRole | undefined {
  return ROLE_OF_NUMBER[role];
}

function certificates(list: readonly Uint8Array[]): X509Certificate[] {
  return list.map((pem) => new X509Certificate(Buffer.from(pem)));
}

/**
 * The MSP definition an `MSP` config value holds (`msp.MSPConfig` with a `FabricMSPConfig`).
 * @throws Error (from the protobuf library or X509Certificate) when the value or a certificate cannot be read.
 */
export function mspDefinitionOf(value: common.ConfigValue): MspDefinition {
  const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
  const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
  const ous = fabric.getFabricNodeOus();
  const ou = (id: msp.FabricOUIdentifier | undefined, fallback: string): string =>
    id?.getOrganizationalUnitIdentifier() || fallback;
  return {
    mspId: fabric.getName(),
    roots: certificates(fabric.getRootCertsList_asU8()),
    intermediates: certificates(fabric.getIntermediateCertsList_asU8()),
    admins: certificates(fabric.getAdminsList_asU8()),
    ...(ous?.getEnable() === true
      ? {
          roleOus: {
            admin: ou(ous.getAdminOuIdentifier(), 'admin'),
            client: ou(ous.getClientOuIdentifier(), 'client'),
            peer: ou(ous.getPeerOuIdentifier(), 'peer'),
            orderer: ou(ous.getOrdererOuIdentifier(), 'orderer'),
          },
        }
      : {}),
  };
}

/** Whether a certificate chains to one of the MSP's roots, directly or through one of its intermediates. */
export function issuedBy(cert: X509Certificate, definition: MspDefinition): boolean {
  return (
    definition.roots.some((root) => signedBy(root, cert)) ||
    definition.intermediates.some(
      (middle) => signedBy(middle, cert) && definition.roots.some((root) => signedBy(root, middle)),
    )
  );
}

/** The OU values of a certificate's subject, where Fabric's NodeOUs put the role. */
export function organisationalUnitsOf(cert: X509Certificate): string[] {
  return cert.subject
    .split('\n')
    .filter((part) => part.startsWith('OU='))
    .map((part) => part.slice('OU='.length));
}

/** Whether a certificate, already known to be issued under the MSP, plays a role in it. */
export function playsRole(cert: X509Certificate, definition: MspDefinition, role: MspRole): boolean {
  if (role === 'member') {
    return true;
  }
  if (role === 'admin' && definition.admins.some((admin) => admin.raw.equals(cert.raw))) {
    return true;
  }
  const ou = definition.roleOus?.[role];
  return ou !== undefined && organisationalUnitsOf(cert).includes(ou);
}

/** A signer as a signature header names it: its MSP id and certificate. */
export interface Signer {
  readonly mspId: string;
  readonly cert: X509Certificate;
  /** Readable form of the certificate's subject, for messages. */
  readonly subject: string;
}

/**
 * The signer a `SignatureHeader` names.
 * @throws Error when the header or its certificate cannot be read.
 */
export function signerOf(signatureHeader: Uint8Array): Signer {
  const header = common.SignatureHeader.deserializeBinary(signatureHeader);
  const creator = msp.SerializedIdentity.deserializeBinary(header.getCreator_asU8());
  const cert = new X509Certificate(Buffer.from(creator.getIdBytes_asU8()));
  return { mspId: creator.getMspid(), cert, subject: cert.subject.replace(/\n/g, ', ') };
}

/** Whether `signature` is the signer's ECDSA (or other) signature of `data` over SHA-256. Never throws. */
export function signedByCert(cert: X509Certificate, data: Buffer, signature: Uint8Array): boolean {
  try {
    return verify('sha256', data, cert.publicKey, signature);
  } catch {
    return false;
  }
}
