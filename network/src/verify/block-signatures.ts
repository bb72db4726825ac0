import { X509Certificate, verify } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, headerFields } from './block-hash';
import type { OrdererTrust } from './channel-config';
import { metadataBytes } from './envelopes';

/** One orderer signature of a block, checked. */
export interface SignatureCheck {
  readonly mspId: string;
  readonly subject: string;
  /** Why it does not count, when it does not. */
  readonly problem?: string;
}

function issuedByTrusted(cert: X509Certificate, trust: OrdererTrust): boolean {
  const signedBy = (issuer: X509Certificate): boolean =>
    cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  if (trust.roots.some(signedBy)) {
    return true;
  }
  return trust.intermediates.some(
    (middle) =>
      signedBy(middle) &&
      trust.roots.some((root) => middle.checkIssued(root) && middle.verify(root.publicKey)),
  );
}

/** The OU values of a certificate's subject, where Fabric's NodeOUs put the role. */
function organisationalUnitsOf(cert: X509Certificate): string[] {
  return cert.subject
    .split('\n')
    .filter((part) => part.startsWith('OU='))
    .map((part) => part.slice('OU='.length));
}

function checkOne(
  signature: common.MetadataSignature,
  value: Uint8Array,
  headerBytes: Buffer,
  trust: OrdererTrust,
): SignatureCheck {
  const signatureHeaderBytes = signature.getSignatureHeader_asU8();
  const header = common.SignatureHeader.deserializeBinary(signatureHeaderBytes);
  const creator = msp.SerializedIdentity.deserializeBinary(header.getCreator_asU8());
  const mspId = creator.getMspid();
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(creator.getIdBytes_asU8()));
  } catch {
    return { mspId, subject: '', problem: 'the signer certificate cannot be read' };
  }
  const found = { mspId, subject: cert.subject.replace(/\n/g, ', ') };
  if (!trust.mspIds.includes(mspId) || !issuedByTrusted(cert, trust)) {
    return { ...found, problem: `not issued by an orderer organisation's CA (${trust.mspIds.join(', ')})` };
  }
  // The channel's BlockValidation takes orderer nodes only: a client, peer or admin of the same CA signs no block.
  if (!organisationalUnitsOf(cert).includes('orderer')) {
    return { ...found, problem: "not an orderer node's certificate (its role is not orderer)" };
  }
  // protoutil BlockSignatureVerifier: the orderer signs metadata value || signature header || header bytes.
  const signed = Buffer.concat([value, signatureHeaderBytes, headerBytes]);
  const valid = verify('sha256', signed, cert.publicKey, signature.getSignature_asU8());
  return valid ? found : { ...found, problem: 'the signature does not verify' };
}

/**
 * Checks the orderer signatures of a block (metadata SIGNATURES) against the orderer organisations' CAs of the
 * channel configuration in force.
 * @throws Error (from the protobuf library) when the SIGNATURES entry cannot be decoded.
 */
export function checkBlockSignatures(block: common.Block, trust: OrdererTrust): SignatureCheck[] {
  const header = block.getHeader();
  if (header === undefined) {
    return [{ mspId: '', subject: '', problem: 'block without header' }];
  }
  const metadata = common.Metadata.deserializeBinary(
    metadataBytes(block, common.BlockMetadataIndex.SIGNATURES),
  );
  const headerBytes = blockHeaderBytes(headerFields(header));
  return metadata
    .getSignaturesList()
    .map((signature) => checkOne(signature, metadata.getValue_asU8(), headerBytes, trust));
}
