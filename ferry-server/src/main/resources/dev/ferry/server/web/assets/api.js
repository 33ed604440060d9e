// Calls the JSON API with the page's session: same-origin cookie, plus the CSRF token on writes.
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

/** Thrown for a non-2xx answer; `detail` is the problem+json detail when there is one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Sends a request to the API and returns the parsed JSON body (null for 204). */
export async function api(method, path) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin' });
  if (res.status === 401) {
    location.reload(); // the session lapsed: the server shows the login page
  }
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, body?.detail ?? res.statusText);
  return body;
}

/** Escapes text for HTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Shows an error message above the page until the next navigation. */
export function flash(message) {
  document.getElementById('flash').textContent = message;
}

/** A local time for an ISO instant. */
export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}
