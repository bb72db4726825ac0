import { fail } from '../errors';
import type { TxContext } from './context';

/**
 * How far a proposal's timestamp may be from the endorsing peer's own clock. The timestamp is the client's to
 * write, and the pinned Fabric does not bound it (CVE-2024-45244, fixed upstream in 2.5.10); a few minutes
 * leave room for clocks that drift and for a proposal in flight.
 */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * Refuses a proposal whose timestamp, the chaincode's "now", is more than {@link MAX_CLOCK_SKEW_SECONDS} from
 * the endorsing peer's clock: otherwise a client could book next year's vouchers today, book an expired pass
 * or reverse after the window just by dating its proposal. This is the one place the chaincode reads a clock of
 * its own, and it can only refuse: a proposal refused by enough peers fails the endorsement policy, and
 * everything the chaincode computes still comes from the proposal's timestamp alone.
 *
 * @throws {ChaincodeError} CLOCK_SKEW when the proposal's time is too far from `peerMillis`.
 */
export function requireTimelyProposal(ctx: TxContext, peerMillis: number): void {
  const proposal = ctx.stub.getDateTimestamp();
  const skewSeconds = Math.round((proposal.getTime() - peerMillis) / 1000);
  if (Math.abs(skewSeconds) > MAX_CLOCK_SKEW_SECONDS) {
    fail(
      'CLOCK_SKEW',
      `the proposal is dated ${proposal.toISOString()}, ${String(Math.abs(skewSeconds))} s ${
        skewSeconds > 0 ? 'ahead of' : 'behind'
      } this peer's clock; at most ${String(MAX_CLOCK_SKEW_SECONDS)} s is accepted`,
    );
  }
}
