import { common } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderHash, headerFields } from './block-hash';
import { checkBlockSignatures } from './block-signatures';
import { configEnvelopeOf, ordererTrustOf, type OrdererTrust } from './channel-config';
import { checkConfigUpdate } from './config-update';
import { envelopesOf, isConfigBlock, metadataBytes } from './envelopes';

/** A check a block failed, with a stable code. */
export interface BlockProblem {
  readonly block: number;
  readonly code:
    | 'BLOCK_OUT_OF_ORDER'
    | 'PREVIOUS_HASH_MISMATCH'
    | 'DATA_HASH_MISMATCH'
    | 'BLOCK_NOT_SIGNED'
    | 'CONFIG_NOT_AUTHORISED';
  readonly message: string;
}

/** What the chain checks found over every block read. */
export interface ChainSummary {
  readonly blocks: number;
  readonly configBlocks: readonly number[];
  readonly validTransactions: number;
  readonly invalidTransactions: number;
  /** Hex of the last block's header hash ('' before any block). */
  readonly headHash: string;
  readonly problems: readonly BlockProblem[];
}

/** Valid (0) and other validation codes in a block's TRANSACTIONS_FILTER metadata. Never throws. */
export function validationCounts(block: common.Block): { valid: number; invalid: number } {
  const flags = metadataBytes(block, common.BlockMetadataIndex.TRANSACTIONS_FILTER);
  const valid = flags.filter((flag) => flag === 0).length;
  return { valid, invalid: flags.length - valid };
}

/**
 * Checks blocks one after the other, from block 0: numbering, hash chain, data hash, orderer signatures against
 * the configuration in force before the block, each configuration update against the policies of the
 * configuration before it (so no configuration block vouches for itself), and counts the validation flags.
 */
export class ChainCheck {
  #blocks = 0;
  #previousHash: Buffer | undefined;
  /** The channel configuration in force: the genesis block's, then each valid config block's. */
  #config: common.Config | undefined;
  /** The orderer MSPs of the configuration in force, read from it once rather than for every block. */
  #trust: OrdererTrust | undefined;
  readonly #configBlocks: number[] = [];
  /** Hex header hash of every block read, in order: what other peers' chains are compared with. */
  readonly hashes: string[] = [];
  readonly #problems: BlockProblem[] = [];
  #valid = 0;
  #invalid = 0;

  /** Checks the next block. Never throws: what fails is recorded as a problem of that block. */
  add(block: common.Block): void {
    const number = this.#blocks;
    this.#blocks += 1;
    const header = block.getHeader();
    if (header === undefined || header.getNumber() !== number) {
      this.#problem(
        number,
        'BLOCK_OUT_OF_ORDER',
        `expected block ${number}, got ${header?.getNumber() ?? 'none'}`,
      );
    }
    const fields = header === undefined ? undefined : headerFields(header);
    this.#checkHashes(number, block, fields);
    this.#checkSignatures(number, block);
    const counts = validationCounts(block);
    this.#valid += counts.valid;
    this.#invalid += counts.invalid;
    this.#previousHash = fields === undefined ? undefined : blockHeaderHash(fields);
    this.hashes.push(this.#previousHash?.toString('hex') ?? '');
  }

  /** The channel configuration in force after the last block read; undefined before the genesis block. */
  get config(): common.Config | undefined {
    return this.#config;
  }

  get summary(): ChainSummary {
    return {
      blocks: this.#blocks,
      configBlocks: [...this.#configBlocks],
      validTransactions: this.#valid,
      invalidTransactions: this.#invalid,
      headHash: this.#previousHash?.toString('hex') ?? '',
      problems: [...this.#problems],
    };
  }

  #checkHashes(
    number: number,
    block: common.Block,
    fields: ReturnType<typeof headerFields> | undefined,
  ): void {
    if (fields === undefined) {
      return;
    }
    if (number > 0 && !Buffer.from(fields.previousHash).equals(this.#previousHash ?? Buffer.alloc(0))) {
      this.#problem(
        number,
        'PREVIOUS_HASH_MISMATCH',
        `block ${number} does not name block ${number - 1}'s hash`,
      );
    }
    if (!blockDataHash(envelopesOf(block)).equals(Buffer.from(fields.dataHash))) {
      this.#problem(
        number,
        'DATA_HASH_MISMATCH',
        `block ${number}'s transactions do not match its data hash`,
      );
    }
  }

  #checkSignatures(number: number, block: common.Block): void {
    const before = this.#config;
    // The genesis block is made by the channel's creator, not by an orderer: nobody signs it.
    if (number > 0 && before !== undefined) {
      this.#requireValidSignature(number, block, before);
    }
    if (isConfigBlock(block)) {
      this.#configBlocks.push(number);
      this.#takeConfig(number, block, before);
    }
  }

  /** Takes a config block's configuration as the one in force, once it stands against the one before. */
  #takeConfig(number: number, block: common.Block, before: common.Config | undefined): void {
    let envelope: common.ConfigEnvelope;
    try {
      envelope = configEnvelopeOf(block);
    } catch (error) {
      this.#problem(
        number,
        'CONFIG_NOT_AUTHORISED',
        `config block ${number} cannot be read: ${String(error)}`,
      );
      return;
    }
    const problems = before === undefined ? [] : checkConfigUpdate(before, envelope);
    for (const problem of problems) {
      this.#problem(
        number,
        'CONFIG_NOT_AUTHORISED',
        `config block ${number}: ${problem.element} ${problem.message}`,
      );
    }
    // A configuration that does not stand is not taken: the blocks after it are checked under the one before.
    if (problems.length === 0) {
      this.#config = envelope.getConfig();
      this.#trust = undefined;
    }
  }

  #requireValidSignature(number: number, block: common.Block, config: common.Config): void {
    try {
      this.#trust ??= ordererTrustOf(config);
      const checks = checkBlockSignatures(block, this.#trust);
      if (!checks.some((check) => check.problem === undefined)) {
        const why = checks.map((c) => `${c.mspId} ${c.subject}: ${c.problem ?? ''}`).join('; ');
        this.#problem(
          number,
          'BLOCK_NOT_SIGNED',
          `block ${number} has no valid orderer signature (${why || 'none'})`,
        );
      }
    } catch (error) {
      this.#problem(
        number,
        'BLOCK_NOT_SIGNED',
        `block ${number}'s signatures cannot be read: ${String(error)}`,
      );
    }
  }

  #problem(block: number, code: BlockProblem['code'], message: string): void {
    this.#problems.push({ block, code, message });
  }
}
