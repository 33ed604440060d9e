// Workers page: live worker processes and the jobs each is running, refreshed every 2 s.
import { api, esc, time } from './api.js';

export async function render(main) {
  const draw = async () => {
    const { workers } = await api('GET', '/api/workers');
    main.innerHTML = `<h1>Workers</h1>
      <table id="workers"><thead><tr><th>Host</th><th class="num">Pid</th><th>Queues</th><th class="num">Busy / concurrency</th>
        <th>Started</th><th>Last heartbeat</th><th>Running</th></tr></thead><tbody>
      ${workers.map(w => `<tr data-worker="${esc(w.id)}"><td>${esc(w.host)}</td><td class="num">${w.pid}</td><td>${esc(w.queues.join(', '))}</td>
        <td class="num">${w.busy} / ${w.concurrency}</td><td>${time(w.startedAt)}</td><td>${time(w.lastHeartbeat)}</td>
        <td>${w.running.map(r => `<a href="#/jobs/${encodeURIComponent(r.jobId)}">${esc(r.type)} ${esc(r.jobId)}</a>`).join('<br>')}</td></tr>`).join('')
        || '<tr><td colspan="7" class="muted">No live workers.</td></tr>'}</tbody></table>`;
  };
  await draw();
  const timer = setInterval(() => draw().catch(() => {}), 2000);
  return () => clearInterval(timer);
}
