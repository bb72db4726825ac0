import type { CaConfig } from '../../src/config/gateway-config';

/** The venues CA, driven through the given binary. */
export function caConfig(clientBinary: string): CaConfig {
  return {
    url: 'https://127.0.0.1:7054',
    caName: 'ca-venues',
    tlsCertPath: '/tls.pem',
    registrarMspDir: '/registrar/msp',
    clientBinary,
  };
}

/** A venue's scanner, as onboarding asks for it. */
export const scanner = { name: 'kardinge-scanner-2', role: 'venue', venueId: 'zwembad-kardinge' } as const;
