import { readFileSync, statSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, buildConnector, fetch, setGlobalDispatcher } from 'undici';
import { gatewayEntry, type ClientsFile, type NetworkContext } from '@stadspas/network';

/**
 * Every gateway speaks HTTPS with a certificate of its organisation's TLS CA, which no system trusts. The tests
 * trust, for each gateway address they know from a clients.json, exactly that gateway's CA: `fetch` anywhere in
 * a suite then reaches the gateways of every network the suite started, and nothing else gets a CA it should not.
 */
const caOfAddress = new Map<string, string>();
const connectors = new Map<string, buildConnector.connector>();

/** The connector that trusts one CA file as it is now (a network started again may have made a new CA). */
function connectorTrusting(caPath: string): buildConnector.connector {
  const key = `${caPath}@${String(statSync(caPath).mtimeMs)}`;
  let connector = connectors.get(key);
  if (connector === undefined) {
    connector = buildConnector({ ca: [...rootCertificates, readFileSync(caPath, 'utf8')] });
    connectors.set(key, connector);
  }
  return connector;
}

const system = buildConnector({});

setGlobalDispatcher(
  new Agent({
    connect: (options, callback) => {
      const caPath = caOfAddress.get(`${options.hostname}:${options.port}`);
      (caPath === undefined ? system : connectorTrusting(caPath))(options, callback);
    },
  }),
);
// A test file runs in a context of its own, whose global dispatcher Node's built-in fetch does not see: the
// suites' fetch is this undici's, which does.
globalThis.fetch = fetch;

/** Trusts each gateway of a clients.json with its organisation's TLS CA. */
export function trustGateways(clients: ClientsFile): void {
  for (const { url, ca } of Object.values(clients.gateways)) {
    const { hostname, port } = new URL(url);
    caOfAddress.set(`${hostname}:${port}`, ca);
  }
}

/** Trusts every gateway of a network's description with its organisation's TLS CA in the network's state. */
export function trustNetwork(ctx: NetworkContext): void {
  trustGateways({
    gateways: Object.fromEntries(ctx.network.organisations.map((org) => [org.name, gatewayEntry(ctx, org)])),
    clients: [],
  });
}
