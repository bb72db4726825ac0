/**
 * The gateway's configuration as a public contract: its schema, its types and its validation, so
 * that whoever writes a configuration file (the network tooling) is checked by the same rules the
 * gateway starts with.
 */
export {
  caConfigSchema,
  gatewayConfigSchema,
  peerConfigSchema,
  type CaConfig,
  type GatewayConfig,
  type GatewayConfigInput,
  type PeerConfig,
} from './gateway-config';
export { ConfigError, parseConfig } from './load-config';
