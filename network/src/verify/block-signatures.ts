import { common } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, headerFields } from './block-hash';
import type { OrdererTrust } from './channel-config';
import { metadataBytes } from './envelopes';
import { issuedBy, playsRole, signedByCert, signerOf, type Signer } from './msp-directory';

/** One orderer signature of a block, checked. */
export interface SignatureCheck {
  readonly mspId: string;
  readonly subject: string;
  /** Why it does not count, when it does not. */
  readonly problem?: string;
}

/** A block signer judged against one orderer trust: its certificate, or why it may not sign blocks at all. */
type SignerVerdict = { readonly signer: Signer; readonly problem?: string } | { readonly unreadable: true };

/**
 * The same few orderer nodes sign every block: each one's certificate is read and checked against the trust in
 * force once, not once per block. A new configuration is a new trust, judged afresh.
 */
const verdicts = new WeakMap<OrdererTrust, Map<string, SignerVerdict>>();

function signerVerdict(signatureHeaderBytes: Uint8Array, trust: OrdererTrust): SignerVerdict {
  const known = verdicts.get(trust) ?? new Map<string, SignerVerdict>();
  verdicts.set(trust, known);
  const creator = common.SignatureHeader.deserializeBinary(signatureHeaderBytes).getCreator_asU8();
  const cacheKey = Buffer.from(creator).toString('base64');
  const cached = known.get(cacheKey);
  if (cached !== undefined) {
    return cached;
  }
  const verdict = judgeSigner(signatureHeaderBytes, trust);
  known.set(cacheKey, verdict);
  return verdict;
}

function judgeSigner(signatureHeaderBytes: Uint8Array, trust: OrdererTrust): SignerVerdict {
  let signer: Signer;
  try {
    signer = signerOf(signatureHeaderBytes);
  } catch {
    return { unreadable: true };
  }
  const definition = trust.find((d) => d.mspId === signer.mspId);
  if (definition === undefined || !issuedBy(signer.cert, definition)) {
    const ids = trust.map((d) => d.mspId).join(', ');
    return { signer, problem: `not issued by an orderer organisation's CA (${ids})` };
  }
  // The channel's BlockValidation takes orderer nodes only: a client, peer or admin of the same CA signs no block.
  if (!playsRole(signer.cert, definition, 'orderer')) {
    return { signer, problem: "not an orderer node's certificate (its role is not orderer)" };
  }
  return { signer };
}

function checkOne(
  signature: common.MetadataSignature,
  value: Uint8Array,
  headerBytes: Buffer,
  trust: OrdererTrust,
): SignatureCheck {
  const signatureHeaderBytes = signature.getSignatureHeader_asU8();
  let verdict: SignerVerdict;
  try {
    verdict = signerVerdict(signatureHeaderBytes, trust);
  } catch {
    verdict = { unreadable: true };
  }
  if ('unreadable' in verdict) {
    return { mspId: '', subject: '', problem: 'the signer certificate cannot be read' };
  }
  const { signer, problem } = verdict;
  const found = { mspId: signer.mspId, subject: signer.subject };
  if (problem !== undefined) {
    return { ...found, problem };
  }
  // protoutil BlockSignatureVerifier: the orderer signs metadata value || signature header || header bytes.
  const signed = Buffer.concat([value, signatureHeaderBytes, headerBytes]);
  return signedByCert(signer.cert, signed, signature.getSignature_asU8())
    ? found
    : { ...found, problem: 'the signature does not verify' };
}

/**
 * Checks the orderer signatures of a block (metadata SIGNATURES) against the orderer organisations' MSPs of the
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
