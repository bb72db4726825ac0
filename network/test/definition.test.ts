import { createPrivateKey, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNetworkConfig, type Organisation } from '../src/description/config';
import { importDefinition, parseDefinition, type OrganisationDefinition } from '../src/identities/definition';
import { OrgPaths } from '../src/description/paths';
import { mintCa, type MintedCa } from './verify/minted';

const dir = mkdtempSync(join(tmpdir(), 'definition-'));
const network = loadNetworkConfig(join(__dirname, '..', 'network.json'));
const svb = network.organisations.find((o) => o.name === 'svb') as Organisation;

/** A CA of the test's own (PEM) and an identity it issued, its certificate and key as PEM. */
function caAndLeaf(role: string): { ca: string; leaf: string; key: string; issuer: MintedCa } {
  const issuer = mintCa();
  const leaf = issuer.issue(role);
  return {
    ca: issuer.rootPem.toString('utf8'),
    leaf: leaf.cert.toString('utf8'),
    key: leaf.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    issuer,
  };
}

const identity = caAndLeaf('admin');
const tls = caAndLeaf('orderer');
const organisation = {
  name: svb.name,
  mspId: svb.mspId,
  displayName: svb.displayName,
  roles: svb.roles,
  host: svb.host,
  ports: svb.ports,
};

/** Canonical JSON, keys sorted at every level: what the admin signs. */
function canonical(value: unknown): string {
  const sortedValue = (v: unknown): unknown =>
    Array.isArray(v) || typeof v !== 'object' || v === null
      ? v
      : Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, inner]) => [k, sortedValue(inner)]),
        );
  return JSON.stringify(sortedValue(value));
}

/** A definition, changed as given, signed with `signerKey` (the admin's by default) over what it holds. */
function definition(
  changes: Partial<OrganisationDefinition> = {},
  signerKey = identity.key,
): OrganisationDefinition {
  const unsigned = {
    format: 'stadspas-organisation-definition/2' as const,
    organisation,
    caCert: identity.ca,
    tlsCaCert: tls.ca,
    adminCerts: [identity.leaf],
    ordererTlsCert: tls.leaf,
    ...changes,
  };
  const signature = sign('sha256', Buffer.from(canonical(unsigned)), createPrivateKey(signerKey));
  return { ...unsigned, signature: signature.toString('base64') };
}

describe('an organisation definition received from another organisation', () => {
  test('when it matches the network description and its certificates belong together, then it is taken in', () => {
    const file = join(dir, 'svb.json');
    writeFileSync(file, JSON.stringify(definition()));
    const own = new OrgPaths(join(dir, 'gemeente'));

    expect(importDefinition(own, network, file).name).toBe('svb');
    expect(readFileSync(own.publicOf(svb).tlsCaCert, 'utf8')).toBe(tls.ca);
    expect(readFileSync(own.publicOf(svb).ordererTlsCert, 'utf8')).toBe(tls.leaf);
    expect(existsSync(join(own.publicOf(svb).msp, 'config.yaml'))).toBe(true);
  });

  test('when it is not a definition, then it is refused naming what is wrong', () => {
    expect(() =>
      parseDefinition(network, { ...definition(), caCert: 'not a certificate' }, 'x.json'),
    ).toThrow('x.json is not an organisation definition: caCert: a PEM certificate');
  });

  test('when it carries a private key, then it is refused', () => {
    expect(() => parseDefinition(network, { ...definition(), adminKey: 'secret' }, 'x.json')).toThrow(
      /x.json is not an organisation definition/,
    );
  });

  test('when it names an organisation the network description does not, then it is refused', () => {
    const stranger = definition({ organisation: { ...organisation, name: 'stranger' } });
    expect(() => parseDefinition(network, stranger, 'x.json')).toThrow(
      'x.json defines organisation stranger, which the network description does not name',
    );
  });

  test('when its host differs from the network description, then it is refused', () => {
    const moved = definition({ organisation: { ...organisation, host: '10.9.9.9' } });
    expect(() => parseDefinition(network, moved, 'x.json')).toThrow(
      'x.json describes svb otherwise than the network description does',
    );
  });

  test("when its orderer's TLS certificate comes from another CA, then it is refused", () => {
    expect(() => parseDefinition(network, definition({ ordererTlsCert: identity.leaf }), 'x.json')).toThrow(
      "x.json: the orderer's TLS certificate was not issued by svb's TLS CA",
    );
  });

  test('when a field is changed after the admin signed, then it is refused as not signed by the admin', () => {
    // Another orderer TLS certificate of the same TLS CA: every other check passes, only the signature tells.
    const other = tls.issuer.issue('orderer').cert.toString('utf8');
    const redirected = { ...definition(), ordererTlsCert: other };

    expect(() => parseDefinition(network, redirected, 'x.json')).toThrow(
      "x.json: not signed by svb's admin (the signature does not verify over the definition)",
    );
  });

  test('when another key than the admin’s signed it, then it is refused', () => {
    expect(() => parseDefinition(network, definition({}, tls.key), 'x.json')).toThrow(
      "x.json: not signed by svb's admin",
    );
  });

  test('when the signature is missing, then it is refused', () => {
    const unsigned: Partial<OrganisationDefinition> = definition();
    delete unsigned.signature;

    expect(() => parseDefinition(network, unsigned, 'x.json')).toThrow(
      'x.json is not an organisation definition: signature:',
    );
  });

  test('when an admin certificate comes from another CA, then it is refused', () => {
    expect(() => parseDefinition(network, definition({ adminCerts: [tls.leaf] }), 'x.json')).toThrow(
      "x.json: an admin certificate was not issued by svb's CA",
    );
  });
});
