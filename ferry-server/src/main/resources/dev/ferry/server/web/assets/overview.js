// Overview: every queue with its counts and paused flag, totals, and live charts of throughput
// and depth over the last 15 minutes, fed by /api/dashboard/stream (history first, then samples).
import { api, esc } from './api.js';

const STATES = ['pending', 'scheduled', 'active', 'retry', 'dead', 'completed'];
const MAX_POINTS = 450; // 15 minutes at one sample every 2 s

export async function render(main) {
  main.innerHTML = `
    <h1>Overview</h1>
    <table id="queues"><thead><tr><th>Queue</th><th>Status</th>
      ${STATES.map(s => `<th class="num">${s}</th>`).join('')}</tr></thead><tbody></tbody><tfoot></tfoot></table>
    <h2>Last 15 minutes <span class="muted" id="samples" data-count="0"></span></h2>
    <div class="charts">
      <div class="chart"><canvas id="rates" aria-label="jobs per second"></canvas></div>
      <div class="chart"><canvas id="depth" aria-label="pending jobs per queue"></canvas></div>
    </div>`;
  await refreshQueues();
  const rates = new Chart(document.getElementById('rates'), chartConfig('jobs / s', [
    dataset('processed', '#15803d'), dataset('failed', '#b91c1c'), dataset('retried', '#d97706')]));
  const depth = new Chart(document.getElementById('depth'), chartConfig('pending jobs', []));
  let count = 0;
  const add = s => {
    const label = new Date(s.at).toLocaleTimeString();
    push(rates, label, { processed: s.processed, failed: s.failed, retried: s.retried });
    for (const q of Object.keys(s.depth)) {
      if (!depth.data.datasets.some(d => d.label === q)) {
        const d = dataset(q, palette(depth.data.datasets.length));
        d.data = depth.data.labels.map(() => null);
        depth.data.datasets.push(d);
      }
    }
    push(depth, label, s.depth);
    count++;
  };
  const shown = () => {
    rates.update('none');
    depth.update('none');
    const badge = document.getElementById('samples');
    badge.dataset.count = String(count);
    badge.textContent = `(${count} samples, every 2 s)`;
  };
  const stream = new EventSource('/api/dashboard/stream');
  stream.addEventListener('history', e => { JSON.parse(e.data).forEach(add); shown(); });
  stream.addEventListener('sample', e => { add(JSON.parse(e.data)); shown(); refreshQueues().catch(() => {}); });
  return () => { stream.close(); rates.destroy(); depth.destroy(); };
}

async function refreshQueues() {
  const table = document.getElementById('queues');
  if (!table) return;
  const { queues } = await api('GET', '/api/queues');
  const totals = Object.fromEntries(STATES.map(s => [s, 0]));
  table.tBodies[0].innerHTML = queues.map(q => {
    STATES.forEach(s => { totals[s] += q[s]; });
    return `<tr data-queue="${esc(q.name)}"><td><a href="#/queues/${encodeURIComponent(q.name)}">${esc(q.name)}</a></td>
      <td class="${q.paused ? 'paused' : ''}">${q.paused ? 'paused' : 'running'}</td>
      ${STATES.map(s => `<td class="num" data-state="${s}">${q[s]}</td>`).join('')}</tr>`;
  }).join('') || `<tr><td colspan="${STATES.length + 2}" class="muted">No queues yet.</td></tr>`;
  table.tFoot.innerHTML = `<tr><td>Total</td><td>${queues.length} queues</td>
    ${STATES.map(s => `<td class="num" data-total="${s}">${totals[s]}</td>`).join('')}</tr>`;
}

function push(chart, label, values) {
  chart.data.labels.push(label);
  for (const d of chart.data.datasets) d.data.push(values[d.label] ?? null);
  if (chart.data.labels.length > MAX_POINTS) {
    chart.data.labels.shift();
    chart.data.datasets.forEach(d => d.data.shift());
  }
}

function dataset(label, color) {
  return { label, data: [], borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 2, tension: 0 };
}

function palette(i) {
  return ['#2563eb', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c'][i % 6];
}

function chartConfig(title, datasets) {
  return {
    type: 'line',
    data: { labels: [], datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { title: { display: true, text: title } },
      scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } },
    },
  };
}
