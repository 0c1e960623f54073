/**
 * Spawning the real Mandate server as a child process for the crash test and the load benchmark: `node
 * bin/mandate.js serve` when the CLI dispatcher exists, else `runtime/cli/serve.ts`'s `run` through tsx. The server
 * listens on a free port (PORT=0) on loopback; its address is read from the line it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const ADMIN = { email: 'crash-admin@mandate.local', password: 'crash-test-password-1' };

/** A running server child. */
export interface ServerChild {
  url: string;
  child: ChildProcess;
  /** Everything the child printed so far (for failure messages). */
  output(): string;
}

/**
 * Starts the server on `dataDir`; resolves once it prints its address (rejects if it exits first or in 60 s).
 * `nodeArgs` go to node itself (e.g. `--cpu-prof`).
 */
export function spawnServer(dataDir: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerChild> {
  const child = spawnServe(dataDir, extraEnv, nodeArgs);
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not print its address within 60 s. Output:\n${text}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Mandate is running at (http:\/\/\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1].replace('localhost', '127.0.0.1'), child, output: () => text });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? signal}) before it was ready. Output:\n${text}`));
    });
  });
}

/** `mandate serve` as a child on `dataDir`, with the tests' environment and `extraEnv` over it. */
function spawnServe(dataDir: string, extraEnv: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const bin = join(ROOT, 'bin', 'mandate.js');
  const args = existsSync(bin)
    ? [bin, 'serve']
    : ['--import', 'tsx', '-e', "import('./runtime/cli/serve.ts').then(async (m) => process.exit(await m.run([])))"];
  return spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MANDATE_DATA_DIR: dataDir,
      MANDATE_BUILD_WEB: '0',
      LOG_LEVEL: 'warn',
      MANDATE_ADMIN_EMAIL: ADMIN.email,
      MANDATE_ADMIN_PASSWORD: ADMIN.password,
      MONGODB_URI: '',
      // The embedded SQLite store unless the caller passes a PostgreSQL URL.
      DATABASE_URL: '',
      // Tests and the load bench call from one address: the public budgets would refuse them.
      MANDATE_START_RATE_LIMIT: '1000000',
      MANDATE_PUBLIC_RATE_LIMIT: '1000000',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs `mandate serve` on `dataDir` until it exits by itself (a start that fails); resolves with its exit code and
 * everything it printed. Rejects if it is still running after 60 s (it started, or hangs).
 */
export function serveUntilExit(dataDir: string, extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnServe(dataDir, extraEnv);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mandate serve was still running after 60 s. Output:\n${output}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Stops a child with `signal` and waits for it to exit. */
export function stopServer(server: ServerChild, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });
}

/** The answers of a SNAP household that the FY2026 version finds eligible. */
export function snapAnswers(i: number): Record<string, unknown> {
  return {
    members: [{ name: `Applicant ${i}`, dateOfBirth: '1988-04-12', disabled: false, earnedIncome: 1000 + (i % 50), unearnedIncome: 0 }],
    rent: 600,
    utilities: 150,
    dependentCare: 0,
    childSupportPaid: 0,
    hasMedicalCosts: false,
    assets: 500,
    receivesTanfOrSsi: false,
  };
}

/** Starts, fills and submits one SNAP application over HTTP; returns the response status and case id. */
export async function submitSnap(url: string, i: number): Promise<{ status: number; caseId?: string; body?: unknown }> {
  const json = { 'content-type': 'application/json' };
  const started = await fetch(`${url}/api/applications`, { method: 'POST', headers: json, body: JSON.stringify({ programId: 'us-snap' }) });
  if (started.status !== 201) return { status: started.status, body: await started.json().catch(() => null) };
  const { id, resumeCode } = (await started.json()) as { id: string; resumeCode: string };
  const headers = { ...json, 'x-resume-code': resumeCode };
  const saved = await fetch(`${url}/api/applications/${id}`, { method: 'PUT', headers, body: JSON.stringify({ answers: snapAnswers(i) }) });
  if (saved.status !== 200) return { status: saved.status, body: await saved.json().catch(() => null) };
  const submitted = await fetch(`${url}/api/applications/${id}/submit`, { method: 'POST', headers });
  const body = (await submitted.json().catch(() => null)) as { caseId?: string } | null;
  return { status: submitted.status, caseId: body?.caseId, body };
}
