import { createHash } from 'node:crypto';
import {
  HOLDER_TRANSIENT_KEY,
  HOLDERS_TRANSIENT_KEY,
  type HolderTransient,
  type IssuePassesRequest,
  type IssuePassRequest,
  type PassRecord,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../../src/auth/client-identity';
import { AppError } from '../../src/errors/app-error';
import type { FakeLedger } from './fake-ledger';

const at = '2026-03-01T09:30:00.000Z';

/** What the register holds: the stored holder records and the issued passes, by pass id. */
export interface PassRegister {
  readonly holders: Map<string, string>;
  readonly passes: Map<string, PassRecord>;
}

/**
 * Gives the ledger double the chaincode's issuing rules that the gateway relies on: only the municipality
 * records holders and issues passes; a holder may be recorded again (overwritten) until its pass is issued and
 * is refused after; a pass is refused unless its holder was recorded first, and carries the hash of the
 * private record as Fabric computes it (sha256 of the stored bytes). A batch is all or nothing. A recorded holder
 * can be erased.
 */
export function openPassRegister(ledger: FakeLedger): PassRegister {
  /** The private collection: the stored bytes of each holder record, by pass id. */
  const holders = new Map<string, string>();
  const passes = new Map<string, PassRecord>();

  const requireMunicipality = (identity: ClientIdentity): void => {
    if (identity.mspId !== 'GemeenteMSP') {
      throw new AppError('FORBIDDEN', 'only the municipality records holders and issues passes');
    }
  };
  const checkHolder = (holder: HolderTransient): void => {
    if (passes.has(holder.passId)) {
      throw new AppError('ALREADY_EXISTS', `pass ${holder.passId} is issued: its holder cannot change`);
    }
  };
  const checkPass = (request: IssuePassRequest): void => {
    if (passes.has(request.passId)) {
      throw new AppError('ALREADY_EXISTS', `pass ${request.passId} already exists`);
    }
    if (!holders.has(request.passId)) {
      throw new AppError('NOT_FOUND', `the holder of pass ${request.passId} must be recorded first`);
    }
  };
  const issue = (request: IssuePassRequest): PassRecord => {
    const stored = holders.get(request.passId) ?? '';
    const pass: PassRecord = {
      ...request,
      municipalityMspId: 'GemeenteMSP',
      holderHash: createHash('sha256').update(stored).digest('hex'),
      status: 'active',
      issuedAt: at,
      updatedAt: at,
    };
    passes.set(pass.passId, pass);
    return pass;
  };

  ledger
    .on('passes:RecordHolder', ({ identity, transient }) => {
      requireMunicipality(identity);
      const holder = JSON.parse(transient?.[HOLDER_TRANSIENT_KEY] ?? '{}') as HolderTransient;
      checkHolder(holder);
      holders.set(holder.passId, JSON.stringify({ ...holder, recordedAt: at }));
      return { passId: holder.passId };
    })
    .on('passes:RecordHolders', ({ identity, transient }) => {
      requireMunicipality(identity);
      const list = JSON.parse(transient?.[HOLDERS_TRANSIENT_KEY] ?? '[]') as HolderTransient[];
      list.forEach(checkHolder);
      for (const holder of list) {
        holders.set(holder.passId, JSON.stringify({ ...holder, recordedAt: at }));
      }
      return { recorded: list.length, passIds: list.map((h) => h.passId) };
    })
    .on('passes:IssuePass', ({ identity, request }) => {
      requireMunicipality(identity);
      checkPass(request as IssuePassRequest);
      return issue(request as IssuePassRequest);
    })
    .on('passes:GetPass', ({ request }) => {
      const { passId } = request as { passId: string };
      const pass = passes.get(passId);
      if (pass === undefined) {
        throw new AppError('NOT_FOUND', `pass ${passId} does not exist`);
      }
      return pass;
    })
    .on('passes:PurgeHolder', ({ identity, request }) => {
      requireMunicipality(identity);
      const { passId } = request as { passId: string };
      if (!holders.delete(passId)) {
        throw new AppError('NOT_FOUND', `no personal data recorded for pass ${passId}`);
      }
      const holderRef = passes.get(passId)?.holderRef;
      return holderRef === undefined ? { passId } : { passId, holderRef };
    })
    .on('passes:IssuePasses', ({ identity, request }) => {
      requireMunicipality(identity);
      const batch = (request as IssuePassesRequest).passes;
      batch.forEach(checkPass);
      const passIds = batch.map((p) => issue(p).passId);
      return { issued: passIds.length, passIds };
    });
  return { holders, passes };
}
