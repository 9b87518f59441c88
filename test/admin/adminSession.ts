import { expect } from 'vitest';

/** These suites send many requests from one address within a minute. */
export const ROOMY_RATE_LIMITS = {
  RATE_LIMIT_AUTH_PER_MINUTE: '100000',
  RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  RATE_LIMIT_WRITES_PER_ADDRESS_PER_MINUTE: '100000',
};

/** Logs in at /admin/login with `token`; returns the Set-Cookie answer. */
export async function postAdminLogin(baseUrl: string, token: string) {
  return fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });
}

/** Logs in as a platform admin and returns the Cookie header to send. */
export async function loginAsAdmin(
  baseUrl: string,
  token: string,
): Promise<string> {
  const response = await postAdminLogin(baseUrl, token);
  expect(response.status).toBe(303);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0]!;
  expect(pair).toMatch(/^il_admin_session=[\w-]{20,}$/);
  return pair;
}
