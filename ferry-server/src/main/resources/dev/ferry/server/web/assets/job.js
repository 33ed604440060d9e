// Job page: its fields, payload pretty-printed, last error, the timeline of its lifecycle events
// from the event log; actions retry (run now) and delete.
import { api, esc, flash, time } from './api.js';

export async function render(main, { id }) {
  const path = `/api/jobs/${encodeURIComponent(id)}`;
  let job;
  try {
    job = await api('GET', path);
  } catch (e) {
    main.innerHTML = `<h1>Job ${esc(id)}</h1><p class="error" id="job-missing">${esc(e.message)}</p>`;
    return;
  }
  const timeline = await api('GET', path + '/events');
  const payload = typeof job.payload === 'string' ? job.payload : JSON.stringify(job.payload, null, 2);
  main.innerHTML = `
    <h1>Job ${esc(job.id)}</h1>
    <div class="toolbar">
      <button id="retry-job">Retry now</button>
      <button id="delete-job" class="danger">Delete</button>
      <a href="#/queues/${encodeURIComponent(job.queue)}?state=${job.state}">Back to ${esc(job.queue)}</a>
    </div>
    <dl>
      <dt>State</dt><dd id="job-state">${esc(job.state)}</dd>
      <dt>Type</dt><dd>${esc(job.type)}</dd>
      <dt>Queue</dt><dd>${esc(job.queue)}</dd>
      <dt>Attempt</dt><dd>${job.attempt} (max retries ${job.maxRetries})</dd>
      <dt>Run at</dt><dd>${time(job.runAt)}</dd>
      <dt>Created</dt><dd>${time(job.createdAt)}</dd>
      <dt>Updated</dt><dd>${time(job.updatedAt)}</dd>
      <dt>Timeout</dt><dd>${job.timeoutMs == null ? 'none' : job.timeoutMs + ' ms'}</dd>
    </dl>
    <h2>Payload</h2><pre id="payload">${esc(payload)}</pre>
    ${job.lastError ? `<h2>Last error</h2><pre class="error" id="last-error">${esc(job.lastError)}</pre>` : ''}
    <h2>Timeline</h2>
    <ol class="timeline" id="timeline">${timeline.events.map(e => `<li data-kind="${esc(e.kind)}">${time(e.at)}
      <strong>${esc(e.kind)}</strong> attempt ${e.attempt}${e.durationMs != null ? `, ran ${e.durationMs} ms` : ''}${e.error ? ` <span class="error">${esc(e.error)}</span>` : ''}</li>`).join('')}</ol>
    ${timeline.complete ? '' : '<p class="muted">Older events may be missing: the event log holds more than was read.</p>'}`;
  main.querySelector('#retry-job').onclick = async () => {
    try {
      await api('POST', path + '/retry');
      render(main, { id });
    } catch (e) {
      flash(e.message);
    }
  };
  main.querySelector('#delete-job').onclick = async () => {
    if (!confirm(`Delete job ${job.id}?`)) return;
    try {
      await api('DELETE', path);
      location.hash = `#/queues/${encodeURIComponent(job.queue)}`;
    } catch (e) {
      flash(e.message);
    }
  };
  const poll = setInterval(async () => {
    const now = await api('GET', path).catch(() => null);
    const cell = document.getElementById('job-state');
    if (now && cell && now.state !== cell.textContent) render(main, { id });
  }, 2000);
  return () => clearInterval(poll);
}
