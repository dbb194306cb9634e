/**
 * The running server's file in the data directory (`server.json`, readable by its owner only):
 * where the server listens, its process id and the local token that lets `kg stats`, `kg export`
 * and `kg cypher` read the store through it while it holds the embedded store.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_FILE = 'server.json';

export interface ServerFile {
  /** The server's address as this machine reaches it, e.g. http://127.0.0.1:4000. */
  url: string;
  pid: number;
  token: string;
}

export function newLocalToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The address a local client uses for a server listening on `host`. */
export function localUrl(host: string, port: number): string {
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}

export function writeServerFile(dataDir: string, file: ServerFile): void {
  writeFileSync(join(dataDir, SERVER_FILE), `${JSON.stringify(file)}\n`, { mode: 0o600 });
}

export function removeServerFile(dataDir: string, pid: number): void {
  // only the server that wrote it removes it
  if (readServerFile(dataDir)?.pid === pid) rmSync(join(dataDir, SERVER_FILE), { force: true });
}

/** The server file, if there is one and its process still runs. */
export function readServerFile(dataDir: string): ServerFile | undefined {
  let file: ServerFile;
  try {
    file = JSON.parse(readFileSync(join(dataDir, SERVER_FILE), 'utf8')) as ServerFile;
  } catch {
    return undefined;
  }
  if (typeof file.url !== 'string' || typeof file.token !== 'string' || !Number.isInteger(file.pid)) return undefined;
  try {
    process.kill(file.pid, 0);
  } catch {
    return undefined;
  }
  return file;
}
