import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Whose access is checked: a user's ids, or `others` (a user who owns nothing and is in no owner's group). */
export type Accessor = { uid: number; gid: number } | 'others';

function allows(st: Stats, who: Accessor, bits: { owner: number; group: number; other: number }): boolean {
  if (who !== 'others' && st.uid === who.uid) return (st.mode & bits.owner) !== 0;
  if (who !== 'others' && st.gid === who.gid) return (st.mode & bits.group) !== 0;
  return (st.mode & bits.other) !== 0;
}
const SEARCH = { owner: 0o100, group: 0o010, other: 0o001 };

/**
 * The first directory on the way to `file` (from `/` down to its parent) that `who` may not enter
 * (no execute/search bit for them), or `file` itself when it is not executable by them; undefined
 * when `who` can run `file`. Follows POSIX mode bits only (no ACLs; root's override does not apply
 * to `who`). Throws what statSync throws for a path that does not exist.
 */
export function firstBlocked(file: string, who: Accessor): { path: string; mode: number; uid: number } | undefined {
  const target = resolve(file);
  const dirs: string[] = [];
  for (let d = dirname(target); ; d = dirname(d)) {
    dirs.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const path of [...dirs, target]) {
    const st = statSync(path);
    if (!allows(st, who, SEARCH)) return { path, mode: st.mode & 0o7777, uid: st.uid };
  }
  return undefined;
}
