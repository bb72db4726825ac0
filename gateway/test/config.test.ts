import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfigFiles } from '../src/config/check-config-files';
import { ConfigError, loadConfigFile, parseConfig } from '../src/config/load-config';

function validConfig(dir = '/srv/stadspas'): Record<string, unknown> {
  return {
    org: 'gemeente',
    mspId: 'GemeenteMSP',
    roles: ['municipality'],
    host: '127.0.0.1',
    port: 3000,
    channel: 'stadspas',
    chaincode: 'stadspas',
    stateDir: `${dir}/gateways/gemeente`,
    peers: [
      {
        mspId: 'GemeenteMSP',
        endpoint: '127.0.0.1:7051',
        tlsRootCertPath: `${dir}/tls.pem`,
        hostnameOverride: 'localhost',
      },
    ],
    keyStorePath: `${dir}/clients.json`,
    rateLimitPerMinute: 600,
    anonymousRateLimitPerMinute: 60,
    maxStreamsPerClient: 4,
    maxStreams: 100,
    maxWebhooks: 20,
    webhookAllowedNetworks: ['10.20.0.0/16', 'fd00::/8'],
    webhookRetry: { baseMs: 1_000, maxMs: 600_000, maxAttempts: 12 },
    webhookRetention: { maxAgeMs: 604_800_000, keepPerWebhook: 1_000 },
  };
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
    return [];
  } catch (err) {
    return err instanceof ConfigError ? err.problems : ['not a ConfigError'];
  }
}

describe('gateway configuration', () => {
  it('when the configuration is valid, then it is accepted as written', () => {
    expect(parseConfig(validConfig())).toEqual(validConfig());
  });

  it('when optional settings are left out, then the defaults apply', () => {
    const minimal: Record<string, unknown> = { ...validConfig() };
    for (const optional of [
      'host',
      'roles',
      'channel',
      'chaincode',
      'rateLimitPerMinute',
      'anonymousRateLimitPerMinute',
      'maxStreamsPerClient',
      'maxStreams',
      'maxWebhooks',
      'webhookAllowedNetworks',
      'webhookRetry',
      'webhookRetention',
    ]) {
      minimal[optional] = undefined;
    }

    expect(parseConfig(minimal)).toMatchObject({
      host: '127.0.0.1',
      channel: 'stadspas',
      rateLimitPerMinute: 600,
      anonymousRateLimitPerMinute: 60,
      maxStreamsPerClient: 4,
      maxStreams: 100,
      maxWebhooks: 20,
      webhookAllowedNetworks: [],
      webhookRetry: { baseMs: 1_000, maxMs: 600_000, maxAttempts: 12 },
      webhookRetention: { maxAgeMs: 604_800_000, keepPerWebhook: 1_000 },
    });
  });

  it('when an allowed webhook network is not written as address/prefix, then it is refused', () => {
    expect(
      problemsOf(() => parseConfig({ ...validConfig(), webhookAllowedNetworks: ['10.20.0.0', 'intranet'] })),
    ).toEqual([
      expect.stringMatching(/^webhookAllowedNetworks\.0: must be a network written as address\/prefix/),
      expect.stringMatching(/^webhookAllowedNetworks\.1: must be a network written as address\/prefix/),
    ]);
  });

  it('when several settings are wrong, then every problem is reported at once', () => {
    const problems = problemsOf(() =>
      parseConfig({ ...validConfig(), port: 70000, stateDir: 'relative', peers: [], unknown: true }),
    );

    expect(problems).toEqual([
      expect.stringMatching(/^port: /),
      expect.stringMatching(/^stateDir: must be an absolute path/),
      expect.stringMatching(/^peers: /),
      expect.stringMatching(/unknown/i),
    ]);
  });

  it('when the file is not JSON, then loading it says so', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'config-')), 'gemeente.json');
    await writeFile(path, '{ not json');

    expect(problemsOf(() => loadConfigFile(path))).toEqual([expect.stringMatching(/^not valid JSON/)]);
  });

  it('when a peer of another organisation is listed, then the configuration is refused', () => {
    const config = validConfig();
    const own = (config.peers as Record<string, unknown>[])[0];
    config.peers = [own, { ...own, mspId: 'SVBMSP', endpoint: '127.0.0.1:8051' }];

    expect(problemsOf(() => parseConfig(config))).toEqual([
      expect.stringMatching(/^peers\.1\.mspId: is SVBMSP: a gateway reads and submits through its own/),
    ]);
  });

  it('when the named files do not exist, then each missing one is reported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'config-'));
    await writeFile(join(dir, 'clients.json'), '{"clients":[]}');
    const config = parseConfig(validConfig(dir));

    const problems = problemsOf(() => {
      checkConfigFiles(config, 'test');
    });

    expect(problems).toEqual([expect.stringMatching(/^peers\.0\.tlsRootCertPath: /)]);
  });
});
