import compileTrust from 'proxy-addr';

/**
 * Readers for one environment variable each. Every problem is one plain sentence naming the
 * variable, so a misconfigured deployment fails fast and readably.
 */
export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

/** The variable's value, or undefined when it is unset or empty. */
export function text(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, but it is "${raw}".`);
  }
  return Number(raw);
}

export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, but it is "${raw}".`);
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, but it is "${raw}".`);
  }
  return raw as T;
}

/** An absolute http(s) URL, returned without a trailing slash. */
export function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http:// or https:// address, but it is "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http:// or https:// address, but it is "${raw}".`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** An IANA time zone such as `Europe/Paris`, checked against the runtime's own list. */
export function timeZone(env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new ConfigError(`${name} must be a time zone such as UTC or Europe/Paris, but it is "${raw}".`);
  }
}

/**
 * Express's `trust proxy`: true/false, a number of hops, or a comma-separated list of addresses,
 * subnets and the names loopback, linklocal, uniquelocal. Checked with proxy-addr, the library
 * Express itself hands the value to, so what passes here is what Express understands.
 */
export function trustProxy(env: Env, name: string, fallback: string): boolean | number | string {
  const raw = (text(env, name) ?? fallback).trim();
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  try {
    compileTrust.compile(raw.split(',').map((part) => part.trim()));
  } catch {
    throw new ConfigError(
      `${name} must be true, false, a number of proxies, or addresses and subnets separated by commas (or loopback, linklocal, uniquelocal), but it is "${raw}".`,
    );
  }
  return raw;
}

/** An smtp:// or smtps:// URL, or undefined. */
export function smtpUrl(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    // The value may hold a password: it is not repeated in the message.
    throw new ConfigError(`${name} must be an smtp:// or smtps:// address such as smtp://user:pass@host:587.`);
  }
  return raw;
}
