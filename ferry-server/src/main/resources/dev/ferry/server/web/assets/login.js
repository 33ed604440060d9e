// The login form: trades the token for a session cookie, then opens the dashboard.
const form = document.getElementById('login');
form.addEventListener('submit', async event => {
  event.preventDefault();
  const res = await fetch('/login', { method: 'POST', body: new URLSearchParams(new FormData(form)) });
  if (res.ok) {
    location.replace('/');
    return;
  }
  const problem = await res.json().catch(() => null);
  document.getElementById('login-error').textContent = problem?.detail ?? 'login failed';
});
