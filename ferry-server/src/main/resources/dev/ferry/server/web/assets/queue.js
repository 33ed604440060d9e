// Queue page: jobs of one state, cursor-paged; search by job id; filter by type within the page;
// pause/resume; requeue every dead job; purge the dead set after a confirmation.
import { api, esc, flash, time } from './api.js';

const STATES = ['pending', 'scheduled', 'active', 'retry', 'dead', 'completed'];

export async function render(main, { queue, query }) {
  const state = STATES.includes(query.get('state')) ? query.get('state') : 'pending';
  const cursor = query.get('cursor') ?? '';
  const q = encodeURIComponent(queue);
  const [{ queues }, page] = await Promise.all([
    api('GET', '/api/queues'),
    api('GET', `/api/queues/${q}/jobs?state=${state}&limit=50${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`),
  ]);
  const info = queues.find(x => x.name === queue) ?? { paused: false };
  main.innerHTML = `
    <h1>Queue ${esc(queue)} <span id="queue-status" class="${info.paused ? 'paused' : 'muted'}">${info.paused ? 'paused' : 'running'}</span></h1>
    <div class="toolbar">
      <button id="toggle-pause">${info.paused ? 'Resume' : 'Pause'}</button>
      <button id="requeue-dead">Requeue all dead</button>
      <button id="purge-dead" class="danger">Purge dead</button>
      <form id="search"><input id="search-id" placeholder="job id" aria-label="job id"> <button>Find job</button></form>
    </div>
    <div class="toolbar tabs">${STATES.map(s => `<a href="#/queues/${q}?state=${s}" class="${s === state ? 'active' : ''}" data-tab="${s}">${s} (${info[s] ?? 0})</a>`).join('')}</div>
    <div class="toolbar"><label>Type on this page <select id="type-filter"><option value="">all</option>
      ${[...new Set(page.jobs.map(j => j.type))].sort().map(t => `<option>${esc(t)}</option>`).join('')}</select></label></div>
    <table id="jobs"><thead><tr><th>Id</th><th>Type</th><th class="num">Attempt</th><th>Run at</th><th>Updated</th><th>Last error</th></tr></thead>
      <tbody>${page.jobs.map(j => `<tr data-type="${esc(j.type)}" data-job="${esc(j.id)}">
        <td><a href="#/jobs/${encodeURIComponent(j.id)}">${esc(j.id)}</a></td><td>${esc(j.type)}</td>
        <td class="num">${j.attempt}</td><td>${time(j.runAt)}</td><td>${time(j.updatedAt)}</td>
        <td class="error">${esc((j.lastError ?? '').split('\n')[0])}</td></tr>`).join('')
        || `<tr><td colspan="6" class="muted">No ${state} jobs.</td></tr>`}</tbody></table>
    <div class="toolbar">${cursor ? `<a href="#/queues/${q}?state=${state}">First page</a>` : ''}
      ${page.nextCursor ? `<a id="next-page" href="#/queues/${q}?state=${state}&cursor=${encodeURIComponent(page.nextCursor)}">Next page</a>` : ''}</div>`;

  const act = async (method, path, done) => {
    try {
      const r = await api(method, path);
      if (done) done(r);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      flash(e.message);
    }
  };
  main.querySelector('#toggle-pause').onclick = () => act('POST', `/api/queues/${q}/${info.paused ? 'resume' : 'pause'}`);
  main.querySelector('#requeue-dead').onclick = () => act('POST', `/api/queues/${q}/dead/requeue`);
  main.querySelector('#purge-dead').onclick = () => {
    if (confirm(`Delete every dead job of ${queue}? This cannot be undone.`)) act('DELETE', `/api/queues/${q}/dead`);
  };
  main.querySelector('#search').onsubmit = e => {
    e.preventDefault();
    const id = main.querySelector('#search-id').value.trim();
    if (id) location.hash = `#/jobs/${encodeURIComponent(id)}`;
  };
  main.querySelector('#type-filter').onchange = e => {
    for (const row of main.querySelectorAll('#jobs tbody tr[data-type]')) {
      row.hidden = e.target.value !== '' && row.dataset.type !== e.target.value;
    }
  };
}
