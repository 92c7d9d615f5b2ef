import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Server } from 'node:http';

export type Agent = TestAgent;

/** A browser-like client: keeps cookies between requests. */
export function agent(server: Server): Agent {
  return request.agent(server);
}

/** The CSRF token of the first form on the page, as a browser would send it back. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1];
}

/** GETs a page, then POSTs a form to `action` with the page's CSRF token, like a browser. */
export async function submitForm(
  client: Agent,
  pageUrl: string,
  action: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const page = await client.get(pageUrl).expect(200);
  return client
    .post(action)
    .set(headers)
    .type('form')
    .send({ ...fields, _csrf: csrfFrom(page.text) });
}

/** Headers htmx 4 sends for a targeted (partial) swap. */
export const HTMX_PARTIAL = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
