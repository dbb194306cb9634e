/**
 * Builds and starts the Neo4j server of tests/neo4j-server/ (Neo4j Community 5.26 with its Bolt
 * connector on loopback). The launcher is compiled with Maven on first use and again only when
 * its sources change; its jars stay in the local Maven repository (~/.m2), so only the first
 * build downloads them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NEO4J_VERSION = '5.26.18';
export const NEO4J_TEST_USER = 'neo4j';
export const NEO4J_TEST_PASSWORD = 'kg-test-password';

const launcherDir = dirname(fileURLToPath(import.meta.url));
const classpathFile = join(launcherDir, 'target', 'classpath.txt');
const classesDir = join(launcherDir, 'target', 'classes');
const sources = [join(launcherDir, 'pom.xml'), join(launcherDir, 'src/main/java/kg/neo4j/TestServer.java')];

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** The major version of the `java` on the PATH, or undefined without one. */
function javaVersion(): number | undefined {
  if (!onPath('java')) return undefined;
  const { stderr } = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr ?? '');
  return match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : undefined;
}

let tools: { ok: true } | { ok: false; reason: string } | undefined;

/** Whether this machine can build and run the launcher (Java 17 or newer, Maven); the reason when it cannot. */
export function launcherTools(): { ok: true } | { ok: false; reason: string } {
  if (tools) return tools;
  const java = javaVersion();
  const missing = [...(java === undefined ? ['java (17 or newer)'] : java < 17 ? [`java 17 or newer (this is ${java})`] : []), ...(onPath('mvn') ? [] : ['mvn (Maven)'])];
  tools = missing.length === 0 ? { ok: true } : { ok: false, reason: `${missing.join(' and ')} not found` };
  return tools;
}

/** Compiles the launcher when it is missing or older than its sources; returns its class path. */
export function buildLauncher(): string {
  const built = existsSync(classpathFile) && existsSync(join(classesDir, 'kg/neo4j/TestServer.class')) ? statSync(classpathFile).mtimeMs : 0;
  const stale = sources.some((file) => statSync(file).mtimeMs > built);
  const jarsThere = built > 0 && readFileSync(classpathFile, 'utf8').trim().split(':').every((jar) => existsSync(jar));
  if (stale || !jarsThere) {
    const result = spawnSync('mvn', ['-q', '-B', 'package'], { cwd: launcherDir, encoding: 'utf8', timeout: 15 * 60_000 });
    if (result.status !== 0) throw new Error(`building the Neo4j test server with Maven failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  return `${classesDir}:${readFileSync(classpathFile, 'utf8').trim()}`;
}

/** Whether a self-signed certificate can be made here (openssl on the PATH). */
export const canMakeCertificates = () => onPath('openssl');

/** A key and a self-signed certificate for 127.0.0.1 and localhost in `dir` (kept if there), as Neo4j's Bolt TLS reads them. */
function selfSignedCertificate(dir: string): string {
  if (existsSync(join(dir, 'public.crt'))) return dir;
  mkdirSync(dir, { recursive: true });
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '7', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'];
  const result = spawnSync('openssl', [...args, '-keyout', join(dir, 'private.key'), '-out', join(dir, 'public.crt')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl could not make the test server's certificate: ${result.stderr}`);
  return dir;
}

export interface StartOptions {
  /** The home directory (with several servers: the folder of their homes). Reused files are recovered as after a crash. */
  home: string;
  servers?: number;
  /** With one server: its Bolt port (0: a free one). */
  port?: number;
  /** Seconds a transaction waits for a lock before a TransientError (which the driver retries). */
  lockTimeout?: number;
  /** Runs until this process ends instead of until its standard input closes; its output goes to files in `home`. */
  parentPid?: number;
  /** How long to wait for READY. */
  timeoutMs?: number;
  /** For measurements: the JVM's full optimising compiler, which starts slower and then runs faster. */
  steadyState?: boolean;
  /** Bolt also offers TLS, with a self-signed certificate for 127.0.0.1 and localhost made by openssl. */
  tls?: boolean;
}

export interface Neo4jServer {
  uris: string[];
  /** With `tls`: the server's certificate (PEM), for a client that is to trust it. */
  certificate?: string;
  pid: number;
  /** Ends it as a crash would (SIGKILL) and waits until it is gone. */
  kill(): Promise<void>;
  /** Shuts it down cleanly. */
  stop(): Promise<void>;
}

export async function startNeo4jServer(options: StartOptions): Promise<Neo4jServer> {
  const classpath = buildLauncher();
  mkdirSync(options.home, { recursive: true });
  const tlsDir = options.tls ? selfSignedCertificate(join(options.home, 'tls')) : undefined;
  const args = [
    '-Xms256m',
    '-Xmx1g',
    '-XX:+UseSerialGC',
    // a test server lives minutes: the quick compiler alone halves its start and its first plans
    ...(options.steadyState ? [] : ['-XX:TieredStopAtLevel=1']),
    '-cp',
    classpath,
    'kg.neo4j.TestServer',
    '--home',
    options.home,
    '--servers',
    String(options.servers ?? 1),
    '--port',
    String(options.port ?? 0),
    '--password',
    NEO4J_TEST_PASSWORD,
    '--lock-timeout',
    String(options.lockTimeout ?? 5),
    ...(options.parentPid ? ['--parent-pid', String(options.parentPid)] : []),
    ...(tlsDir ? ['--tls', tlsDir] : []),
  ];
  let child: ChildProcess;
  let output: () => string;
  if (options.parentPid) {
    const out = join(options.home, 'launcher.out');
    const fds = [openSync(out, 'w'), openSync(join(options.home, 'launcher.err'), 'w')];
    child = spawn('java', args, { detached: true, stdio: ['ignore', fds[0]!, fds[1]!] });
    fds.forEach((fd) => closeSync(fd));
    child.unref();
    output = () => readFileSync(out, 'utf8');
  } else {
    child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    child.stderr!.on('data', (d) => (text += d));
    output = () => text;
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (!/^READY$/m.test(output())) {
    if (exitCode !== undefined) throw new Error(`the Neo4j test server exited (status ${exitCode}) before it was ready:\n${output().slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Neo4j test server was not ready within ${options.timeoutMs ?? 240_000} ms:\n${output().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const uris = output().match(/^bolt:\/\/\S+$/gm) ?? [];
  const gone = async (timeoutMs: number) => exitCode !== undefined || (await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]));
  return {
    uris,
    ...(tlsDir ? { certificate: join(tlsDir, 'public.crt') } : {}),
    pid: child.pid!,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (exitCode !== undefined) return;
      if (child.stdin) child.stdin.end();
      else child.kill('SIGTERM');
      if (!(await gone(60_000))) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
