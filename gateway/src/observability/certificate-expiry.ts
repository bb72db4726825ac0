import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Days before its expiry from which a certificate is warned about: time to renew it while the city books. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** One certificate of a node, and when it expires. */
export interface CertificateExpiry {
  /** Its file, relative to the folder searched. */
  readonly file: string;
  readonly subject: string;
  readonly notAfter: Date;
  /** Whole days left at the time of the search; negative once it expired. */
  readonly daysLeft: number;
}

/** The folders below a node's folder that hold no certificate of its own: ledgers, and others' public material. */
const NOT_ITS_OWN = new Set(['public', 'peer-data', 'orderer-data', 'node_modules', 'logs', 'run']);

function filesBelow(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory() === true) {
      return NOT_ITS_OWN.has(entry) ? [] : filesBelow(path);
    }
    return /\.(pem|crt)$/.test(entry) ? [path] : [];
  });
}

function certificateIn(file: string): X509Certificate | undefined {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return undefined;
  }
  try {
    return new X509Certificate(text);
  } catch {
    return undefined;
  }
}

/**
 * Every certificate in a node's folder (PEM files; private keys and others' material are passed over), with the
 * days it has left at `now`, earliest expiry first. Never throws: an unreadable file is no certificate.
 */
export function certificatesUnder(dir: string, now = new Date()): CertificateExpiry[] {
  return filesBelow(dir)
    .flatMap((file) => {
      const cert = certificateIn(file);
      if (cert === undefined) {
        return [];
      }
      const notAfter = new Date(cert.validTo);
      return [
        {
          file: relative(dir, file),
          subject: cert.subject.replace(/\n/g, ', '),
          notAfter,
          daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
        },
      ];
    })
    .sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime());
}

/** Whether a certificate is within the warning period of its expiry, or past it. */
export function needsRenewal(certificate: CertificateExpiry): boolean {
  return certificate.daysLeft <= EXPIRY_WARNING_DAYS;
}

/**
 * The earliest-expiring certificate of a node's folder, searched again at most once a minute: what `/health` and
 * the metrics report.
 */
export function earliestCertificateOf(dir: string, refreshMs = 60_000): () => CertificateExpiry | undefined {
  let searchedAt = 0;
  let earliest: CertificateExpiry | undefined;
  return () => {
    if (Date.now() - searchedAt >= refreshMs) {
      earliest = certificatesUnder(dir)[0];
      searchedAt = Date.now();
    }
    return earliest;
  };
}
