import { createHash, randomBytes } from 'node:crypto';

/**
 * Server-side sessions of the pages: a signed-in browser holds only a random token in a cookie; the store keeps
 * the sha256 of that token and the name of the client whose API key opened it. The API key itself is never kept
 * nor sent back. Sessions live in memory: a restarted gateway asks everyone to sign in again.
 */
export interface SessionStore {
  /** Opens a session for a client and answers its token, which only the cookie carries. */
  open(clientName: string): string;
  /** The client name of a live session, or undefined for an unknown, ended or expired token. */
  clientOf(token: string): string | undefined;
  /** Ends a session; an unknown token is ignored. */
  end(token: string): void;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** How long a session lives after it was opened (default 12 hours). */
  readonly maxAgeMs?: number;
  /** How many sessions are kept at most; the oldest is dropped first (default 10,000). */
  readonly maxSessions?: number;
  /** The clock, for tests. */
  readonly now?: () => number;
}

interface Session {
  readonly clientName: string;
  readonly expiresAt: number;
}

const digest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #maxAgeMs: number;
  readonly #maxSessions: number;
  readonly #now: () => number;

  constructor(options: SessionStoreOptions) {
    this.#maxAgeMs = options.maxAgeMs ?? 12 * 60 * 60 * 1000;
    this.#maxSessions = options.maxSessions ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  open(clientName: string): string {
    while (this.#sessions.size >= this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.#sessions.delete(oldest);
    }
    const token = randomBytes(32).toString('base64url');
    this.#sessions.set(digest(token), { clientName, expiresAt: this.#now() + this.#maxAgeMs });
    return token;
  }

  clientOf(token: string): string | undefined {
    const key = digest(token);
    const session = this.#sessions.get(key);
    if (session === undefined) {
      return undefined;
    }
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(key);
      return undefined;
    }
    return session.clientName;
  }

  end(token: string): void {
    this.#sessions.delete(digest(token));
  }
}

/** A session store in the gateway's memory. */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  return new MemorySessionStore(options);
}
