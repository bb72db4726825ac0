import { common, gateway as gatewayProtos, peer } from '@hyperledger/fabric-protos';
import type { Proposal, ProposalOptions } from '@hyperledger/fabric-gateway';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { Credentials, GatewaySession } from '@stadspas/network';

/**
 * A proposal as a partner's own client can build it: like any other, but dated `date` instead of now. The
 * timestamp sits in the channel header that the client writes and signs itself, so nothing but the chaincode
 * (the pinned Fabric does not bound it) stands between a client's clock and the chaincode's "now".
 */
export async function datedProposal(
  session: GatewaySession,
  credentials: Credentials,
  transaction: string,
  options: ProposalOptions,
  date: Date,
): Promise<Proposal> {
  const proposed = gatewayProtos.ProposedTransaction.deserializeBinary(
    session.contract.newProposal(transaction, options).getBytes(),
  );
  const signed = proposed.getProposal();
  if (signed === undefined) {
    throw new Error('the client library built a proposal without its signed part');
  }
  const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  channelHeader.setTimestamp(Timestamp.fromDate(date));
  header.setChannelHeader(channelHeader.serializeBinary());
  proposal.setHeader(header.serializeBinary());
  const proposalBytes = proposal.serializeBinary();
  signed.setProposalBytes(proposalBytes);
  proposed.setProposal(signed);
  const signature = await credentials.signer(credentials.hash(proposalBytes));
  return session.gateway.newSignedProposal(proposed.serializeBinary(), signature);
}
