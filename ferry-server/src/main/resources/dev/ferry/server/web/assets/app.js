// The dashboard shell: hash routes to pages. Each page module exports render(main, params) and
// may return a function that stops its timers and streams when the page is left.
import { flash } from './api.js';
import * as overview from './overview.js';
import * as queue from './queue.js';
import * as job from './job.js';
import * as workers from './workers.js';

const routes = [
  [/^#?\/?$/, overview, () => ({})],
  [/^#\/queues\/([^/?]+)(?:\?(.*))?$/, queue, m => ({ queue: decodeURIComponent(m[1]), query: new URLSearchParams(m[2] ?? '') })],
  [/^#\/jobs\/([^/?]+)$/, job, m => ({ id: decodeURIComponent(m[1]) })],
  [/^#\/workers$/, workers, () => ({})],
];

let stop = null;

async function route() {
  if (stop) stop();
  stop = null;
  flash('');
  const main = document.getElementById('app');
  const hash = location.hash || '#/';
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === hash));
  for (const [pattern, page, params] of routes) {
    const m = hash.match(pattern);
    if (m) {
      try {
        stop = (await page.render(main, params(m))) ?? null;
      } catch (e) {
        main.textContent = '';
        flash(e.message);
      }
      return;
    }
  }
  main.textContent = 'No such page: ' + hash;
}

window.addEventListener('hashchange', route);
route();
