import { Contract, type Context } from 'fabric-contract-api';
import { requireTimelyProposal } from '../ledger/clock-guard';

/**
 * The base of every contract: before any transaction runs, its proposal's timestamp is checked against the
 * endorsing peer's clock (see {@link requireTimelyProposal}).
 */
export abstract class TimelyContract extends Contract {
  override async beforeTransaction(ctx: Context): Promise<void> {
    await super.beforeTransaction(ctx);
    requireTimelyProposal(ctx, Date.now()); // clock-guard: can only refuse
  }
}
