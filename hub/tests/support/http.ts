/** Sending a simulated device's request to a running hub. */
import type { Hub } from '../../src/server.ts';

export interface Sent {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function send(
  hub: Pick<Hub, 'url'>,
  req: { body: string; headers: Record<string, string> },
  extra: Record<string, string | null> = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...req.headers };
  for (const [k, v] of Object.entries(extra)) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  const res = await fetch(`${hub.url}/v1/logs`, { method: 'POST', headers, body: req.body });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers };
}
