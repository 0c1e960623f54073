/**
 * Operations (issue 18): `GET /metrics` answers in the Prometheus text format with request counts and latency by
 * route template and status, job and outbox gauges, store errors and process metrics; it is readable with the
 * configured bearer token, or without one from the machine itself only. `GET /api/ready` answers 503 with a clear
 * body once the store does not answer, while `GET /api/health` (liveness) still answers 200.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pgUnavailable, reportPgSkip, startPostgres } from '../support/postgres.ts';
import { PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

/** One sample of the text format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format; throws on a line that is neither a comment nor a sample. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`Not a metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    if (Number.isNaN(value) && m[3] !== 'NaN') throw new Error(`Not a number in: ${line}`);
    samples.push({ name: m[1], labels, value });
  }
  return samples;
}

function find(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

describe('/metrics', () => {
  it('counts requests by route template and status, times them, and shows jobs, outbox and process metrics', async () => {
    const h = await startHarness();
    harnesses.push(h);
    for (let i = 0; i < 3; i++) expect((await h.call('GET', `/api/programs/${PROGRAM_ID}`)).status).toBe(200);
    expect((await h.call('GET', '/api/programs/no-such-program')).status).toBe(404);
    // A malformed percent-encoding is answered 400 and labelled by its template like any other request.
    expect((await h.call('GET', '/api/programs/%ff')).status).toBe(400);
    const response = await fetch(`${h.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseMetrics(await response.text());

    const ok = { method: 'GET', route: '/api/programs/:id', status: '200' };
    expect(find(samples, 'mandate_http_requests_total', ok)?.value).toBe(3);
    expect(find(samples, 'mandate_http_requests_total', { ...ok, status: '404' })?.value).toBe(1);
    expect(find(samples, 'mandate_http_requests_total', { ...ok, status: '400' })?.value).toBe(1);
    // No concrete id becomes a label: the label set stays bounded.
    expect(samples.some((s) => s.labels.route?.includes('no-such-program'))).toBe(false);
    expect(find(samples, 'mandate_http_request_duration_seconds_count', ok)?.value).toBe(3);
    expect(find(samples, 'mandate_http_request_duration_seconds_bucket', { ...ok, le: '+Inf' })?.value).toBe(3);
    expect(find(samples, 'mandate_http_request_duration_seconds_sum', ok)?.value).toBeGreaterThan(0);
    expect(find(samples, 'mandate_redetermination_jobs')?.value).toBe(0);
    expect(find(samples, 'mandate_outbox_emails', { status: 'pending' })?.value).toBe(0);
    expect(find(samples, 'mandate_impact_jobs', { status: 'running' })?.value).toBe(0);
    expect(find(samples, 'mandate_process_cpu_user_seconds_total')?.value).toBeGreaterThan(0);
    expect(find(samples, 'mandate_nodejs_heap_size_used_bytes')?.value).toBeGreaterThan(0);
  });

  it('without a token answers only the machine itself; with MANDATE_METRICS_TOKEN only that bearer token', async () => {
    const open = harnesses[0];
    const proxied = await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.status).toBe(403);
    const refused = (await proxied.json()) as { error: { code: string; message: string } };
    expect(refused.error.code).toBe('metrics-local-only');
    expect(refused.error.message).toContain('MANDATE_METRICS_TOKEN');

    const h = await startHarness({ metricsToken: 'scrape-token-1234' });
    harnesses.push(h);
    const none = await fetch(`${h.url}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('metrics-token');
    expect((await fetch(`${h.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-12345' } })).status).toBe(401);
    const right = await fetch(`${h.url}/metrics`, { headers: { authorization: 'Bearer scrape-token-1234', 'x-forwarded-for': '203.0.113.7' } });
    expect(right.status).toBe(200);
    expect(parseMetrics(await right.text()).length).toBeGreaterThan(10);
  });
});

describe('/api/ready', () => {
  it('answers 200 while the store answers, 503 with what failed once it does not; /api/health stays 200', async () => {
    const h = await startHarness({ publish: false });
    harnesses.push(h);
    expect(await h.call('GET', '/api/ready')).toMatchObject({ status: 200, body: { ready: true, store: 'sqlite' } });
    await h.server.store.close();
    const down = await h.call('GET', '/api/ready');
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('not-ready');
    expect(down.body.error.message).toContain('store does not answer');
    expect(down.body.error.message).toContain('database connection is not open');
    const es = await h.call('GET', '/api/ready', { headers: { 'accept-language': 'es' } });
    expect(es.body.error.message).toContain('su almacén no responde');
    expect((await h.call('GET', '/api/health')).status).toBe(200);
    // The failed pings are store errors; /metrics still answers with the store down.
    const scraped = await fetch(`${h.url}/metrics`);
    expect(scraped.status).toBe(200);
    expect(find(parseMetrics(await scraped.text()), 'mandate_store_errors_total', { operation: 'ping' })?.value).toBe(2);
  });
});

reportPgSkip('/api/ready on PostgreSQL');

(pgUnavailable ? describe.skip : describe)('/api/ready on PostgreSQL', () => {
  it('reports the postgres store, and answers 503 once its server is stopped while /api/health stays 200', async () => {
    const cluster = await startPostgres();
    try {
      const h = await startHarness({ publish: false, databaseUrl: await cluster.newDatabase() });
      harnesses.push(h);
      expect(await h.call('GET', '/api/health')).toMatchObject({ status: 200, body: { ok: true, store: 'postgres' } });
      expect(await h.call('GET', '/api/ready')).toMatchObject({ status: 200, body: { ready: true, store: 'postgres' } });
      await cluster.stop();
      const down = await h.call('GET', '/api/ready');
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('not-ready');
      expect(down.body.error.message).toContain('store does not answer');
      expect((await h.call('GET', '/api/health')).status).toBe(200);
    } finally {
      await cluster.stop();
    }
  });
});
