import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNetworkConfig, type Organisation } from '../src/config';
import { importDefinition, parseDefinition, type OrganisationDefinition } from '../src/definition';
import { OrgPaths } from '../src/paths';

const dir = mkdtempSync(join(tmpdir(), 'definition-'));
const network = loadNetworkConfig(join(__dirname, '..', 'network.json'));
const svb = network.organisations.find((o) => o.name === 'svb') as Organisation;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A self-signed CA certificate, and a certificate it issued. */
function caAndLeaf(name: string): { ca: string; leaf: string } {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}-ca.key`);
  openssl(
    'req',
    '-new',
    '-x509',
    '-key',
    `${name}-ca.key`,
    '-subj',
    `/CN=${name}-ca`,
    '-days',
    '2',
    '-out',
    `${name}-ca.pem`,
  );
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${name}-ca.pem`,
    '-CAkey',
    `${name}-ca.key`,
    '-days',
    '2',
    '-out',
    `${name}.pem`,
  );
  const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
  return { ca: read(`${name}-ca.pem`), leaf: read(`${name}.pem`) };
}

const identity = caAndLeaf('identity');
const tls = caAndLeaf('tls');
const organisation = {
  name: svb.name,
  mspId: svb.mspId,
  displayName: svb.displayName,
  roles: svb.roles,
  host: svb.host,
  ports: svb.ports,
};

function definition(changes: Partial<OrganisationDefinition> = {}): OrganisationDefinition {
  return {
    format: 'stadspas-organisation-definition/1',
    organisation,
    caCert: identity.ca,
    tlsCaCert: tls.ca,
    adminCerts: [identity.leaf],
    ordererTlsCert: tls.leaf,
    ...changes,
  };
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

  test('when an admin certificate comes from another CA, then it is refused', () => {
    expect(() => parseDefinition(network, definition({ adminCerts: [tls.leaf] }), 'x.json')).toThrow(
      "x.json: an admin certificate was not issued by svb's CA",
    );
  });
});
