/** trialgrid dashboard: hash-routed pages over the gateway's GraphQL API (same origin). */
import './style.css';
import { connectLive, getToken, onConnectionState, onReconnect, onUnauthenticated, signOut } from './api.js';
import { h, replace } from './dom.js';
import { comparePage } from './pages/compare.js';
import { experimentPage } from './pages/experiment.js';
import { experimentsPage } from './pages/experiments.js';
import type { Page } from './pages/page.js';
import { modelVersionPage } from './pages/model-version.js';
import { registryPage } from './pages/registry.js';
import { signinPage } from './pages/signin.js';
import { trialPage } from './pages/trial.js';
import { workersPage } from './pages/workers.js';
import { currentRoute, getSelection, href, navigate, onSelectionChange } from './router.js';

const app = document.getElementById('app')!;
let cleanup: (() => void) | undefined;

function pick(parts: string[]): Page | undefined {
  const [first, second] = parts;
  if (first === undefined || (first === 'experiments' && second === undefined)) return experimentsPage;
  if (first === 'experiments') return experimentPage;
  if (first === 'trials' && second !== undefined) return trialPage;
  if (first === 'compare') return comparePage;
  if (first === 'registry') return registryPage;
  if (first === 'models' && second !== undefined && parts[2] !== undefined) return modelVersionPage;
  if (first === 'workers') return workersPage;
  if (first === 'signin') return signinPage;
  return undefined;
}

function updateNav(): void {
  const sel = getSelection();
  const count = document.getElementById('sel-count');
  if (count) count.textContent = sel.length ? `(${sel.length})` : '';
  // Nav links carry the selection too.
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a[href^="#"]')) {
    const path = (a.getAttribute('href') ?? '#/').slice(1).split('?')[0] ?? '/';
    a.href = href(path);
  }
  const active = currentRoute().parts[0] ?? 'experiments';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    const section = active === 'trials' ? 'experiments' : active === 'models' ? 'registry' : active;
    a.classList.toggle('active', (a.dataset['testid'] ?? '') === `nav-${section}`);
  }
}

/** To the sign-in page, coming back here afterwards. */
function toSignIn(): void {
  const route = currentRoute();
  if (route.parts[0] === 'signin') return;
  const here = location.hash.replace(/^#/, '') || '/';
  navigate('/signin', { next: here });
}

function render(): void {
  cleanup?.();
  cleanup = undefined;
  const route = currentRoute();
  if (!getToken() && route.parts[0] !== 'signin') {
    toSignIn();
    return;
  }
  const page = pick(route.parts);
  window.scrollTo(0, 0);
  if (!page) {
    replace(app, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: href('/'), 'data-testid': 'notfound-home' }, 'back to experiments')));
  } else cleanup = page(app, route);
  updateNav();
}

window.addEventListener('hashchange', render);
onUnauthenticated(toSignIn);
document.getElementById('signout')?.addEventListener('click', (e) => {
  e.preventDefault();
  void signOut().then(toSignIn);
});
// Live pages re-read their state after the subscription socket reconnects.
onReconnect(render);
onSelectionChange(updateNav);
onConnectionState((s) => {
  const el = document.getElementById('conn');
  if (!el) return;
  el.textContent = s;
  el.className = `conn ${s}`;
  el.title = s === 'live' ? 'connected: live updates arrive as they happen' : s === 'offline' ? 'the gateway is unreachable; retrying' : 'connecting to the gateway';
});
// The badge tells the truth only if the socket is actually open: connect now, not on the first subscription.
// Signed out, the sign-in page opens the socket once it has a token.
if (getToken()) connectLive();
render();
