import { readFileSync } from 'node:fs';
import { gatewayConfigSchema, type GatewayConfig } from './gateway-config';

/** Raised when the configuration cannot be used; `problems` lists every problem found, not just the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    super(`invalid gateway configuration ${source}:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

/**
 * Validates a parsed configuration object.
 * @throws {ConfigError} listing every invalid or missing setting at once.
 */
export function parseConfig(raw: unknown, source = '(inline)'): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      return `${where}: ${issue.message}`;
    });
    throw new ConfigError(source, problems);
  }
  return Object.freeze(result.data);
}

/**
 * Reads and validates a configuration file.
 * @throws {ConfigError} when the file cannot be read, is not JSON, or has invalid settings.
 */
export function loadConfigFile(path: string): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read file: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseConfig(raw, path);
}
