/**
 * Shared bits of the monitoring and incident tests: a monitors file pointing at loopback sites
 * (with the shipped texts), officers with a token, and small readers of the public status and
 * the incidents API.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Knowledge } from '../../src/knowledge/types';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import type { Store } from '../../src/store/port';
import type { StatusDocument, StatusService } from '../../src/operations/status-board';

const SHIPPED = join(__dirname, '..', '..', 'flows', 'pemantauan.yaml');

export interface MonitorEntry {
  service: string;
  url: string;
  interval_s?: number;
  timeout_s?: number;
  failures_to_open?: number;
  successes_to_close?: number;
  expected_text?: string;
}

/** Writes `<dir>/pemantauan.yaml` with these monitors (1 s interval by default) and returns its path. */
export function writeMonitorsFile(dir: string, monitors: MonitorEntry[], over: { reports?: number; minutes?: number; ticketsOnRecovery?: 'resolve' | 'keep' } = {}): string {
  const shipped = parse(readFileSync(SHIPPED, 'utf8')) as Record<string, unknown>;
  const file = {
    ...shipped,
    report_cluster: { reports: over.reports ?? 3, minutes: over.minutes ?? 10 },
    tickets_on_recovery: over.ticketsOnRecovery ?? 'resolve',
    monitors: monitors.map((m) => ({ interval_s: 1, timeout_s: 1, failures_to_open: 2, successes_to_close: 2, ...m })),
  };
  const path = join(dir, 'pemantauan.yaml');
  writeFileSync(path, stringify(file));
  return path;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function api(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

export async function officerToken(
  base: string,
  service: { store: Store; knowledge: Knowledge },
  email: string,
  role: 'koordinator-layanan' | 'koordinator-pemulihan' | 'pengelola-layanan' | 'pengelola-teknis' | 'penyedia-layanan',
  agency: string,
): Promise<string> {
  await addOrUpdateOfficer(service.store, service.knowledge, { email, password: 'sandi-petugas-123', role, agency, name: email.split('@')[0] });
  const res = await api(base, 'POST', '/api/v1/auth/login', null, { email, password: 'sandi-petugas-123' });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.token);
}

export async function statusDocument(base: string): Promise<StatusDocument> {
  const res = await fetch(`${base}/api/v1/status`);
  if (res.status !== 200) throw new Error(`status: ${res.status}`);
  return (await res.json()) as StatusDocument;
}

export async function serviceStatus(base: string, service: string): Promise<StatusService> {
  const doc = await statusDocument(base);
  const s = doc.services.find((x) => x.service === service);
  if (!s) throw new Error(`no ${service} in /api/v1/status`);
  return s;
}

export interface IncidentItem {
  id: string;
  service: string;
  state: 'open' | 'resolved';
  source: string;
  title: string;
  startedAt: string;
  resolvedAt?: string;
  tickets: string[];
}

export async function incidents(base: string, token: string, state: 'open' | 'resolved'): Promise<IncidentItem[]> {
  const res = await api(base, 'GET', `/api/v1/incidents?state=${state}`, token);
  if (res.status !== 200) throw new Error(`incidents: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.incidents as IncidentItem[];
}
