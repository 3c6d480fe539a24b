/**
 * Sign in with an API token (`npm start` prints the first admin token and writes it to
 * .data/admin-token). The token is checked by the gateway, which also sets the session cookie
 * the queue board and artifact links use; then the page goes back where it was sent from.
 */
import { signIn } from '../api.js';
import { errorBox, h, replace } from '../dom.js';
import { navigate } from '../router.js';
import type { Page } from './page.js';

/**
 * Where to go after signing in: a dashboard route (`/experiments/...`) or a server page of the
 * same origin (`/queues`); anything else (another host, `//evil`) goes home.
 */
export function safeNext(next: string | null): { kind: 'route' | 'page'; path: string } {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return { kind: 'route', path: '/' };
  if (next === '/queues' || next.startsWith('/queues/') || next.startsWith('/queues?') || next.startsWith('/artifacts/')) return { kind: 'page', path: next };
  return { kind: 'route', path: next };
}

export const signinPage: Page = (root, route) => {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', placeholder: 'tg_…', size: 60, 'data-testid': 'signin-token' });
  const message = h('div', {});
  const form = h(
    'form',
    {
      'data-testid': 'signin-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        replace(message);
        signIn(input.value.trim()).then(
          () => {
            const next = safeNext(route.query.get('next'));
            if (next.kind === 'page') location.assign(next.path);
            else navigate(next.path);
          },
          (err: unknown) => replace(message, errorBox(err)),
        );
      },
    },
    h('p', {}, 'Paste an API token. On first run `npm start` printed an admin token and saved it to ', h('code', {}, '.data/admin-token'), '.'),
    input,
    ' ',
    h('button', { type: 'submit', 'data-testid': 'signin-submit' }, 'Sign in'),
  );
  replace(root, h('h1', {}, 'Sign in'), form, message);
  input.focus();
  return () => undefined;
};
