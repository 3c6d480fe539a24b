/**
 * Hash routing: `#/experiments/<id>?sel=a,b&page=2`. The trial selection for the compare view
 * lives in the `sel` query parameter and travels with every internal link, so it survives
 * moving between experiment pages, reloads and shared URLs.
 */

export interface Route {
  parts: string[];
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path = '/', qs = ''] = raw.split('?', 2);
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs) };
}

export function getSelection(): string[] {
  return (currentRoute().query.get('sel') ?? '').split(',').filter(Boolean);
}

const selectionListeners = new Set<(ids: string[]) => void>();
export function onSelectionChange(fn: (ids: string[]) => void): () => void {
  selectionListeners.add(fn);
  return () => selectionListeners.delete(fn);
}

/** Replaces the selection in the URL without navigating (no re-render). */
export function setSelection(ids: string[]): void {
  const r = currentRoute();
  const unique = [...new Set(ids)];
  if (unique.length) r.query.set('sel', unique.join(','));
  else r.query.delete('sel');
  const qs = r.query.toString();
  history.replaceState(null, '', `#/${r.parts.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`);
  for (const l of selectionListeners) l(unique);
}

export function toggleSelected(id: string, on: boolean): void {
  const sel = getSelection().filter((x) => x !== id);
  setSelection(on ? [...sel, id] : sel);
}

/** Link to `path` (e.g. `/trials/abc`) keeping the selection; `extra` adds query params. */
export function href(path: string, extra: Record<string, string | number> = {}): string {
  const q = new URLSearchParams();
  const sel = getSelection();
  if (sel.length) q.set('sel', sel.join(','));
  for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
  const qs = q.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(path: string, extra: Record<string, string | number> = {}): void {
  location.hash = href(path, extra).slice(1);
}
