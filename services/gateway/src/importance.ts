/**
 * Parameter importance for a sweep: how much of the spread of the objective across trials
 * goes with each hyperparameter on its own.
 *
 * Method (one-way ANOVA's correlation ratio, η², Fisher 1925 / Pearson 1905): group the
 * finished trials by the parameter's value — numbers with more than `maxGroups` distinct
 * values are cut into `maxGroups` groups of (nearly) equal size by rank — and take
 *   η² = Σ_g n_g (mean_g − mean)² / Σ_i (y_i − mean)²,
 * the share of the objective's variance explained by the group means (0 = none, 1 = all).
 * It is first-order only: interactions between parameters are not credited to either, and
 * with one or two trials per group it overstates (so `groups` and `trials` are reported).
 * A parameter with a single value across the trials is omitted; zero total variance gives 0.
 */

export interface ImportanceTrial {
  params: Record<string, unknown>;
  /** The objective value of the trial (finite). */
  objective: number;
}

export interface ParamImportance {
  param: string;
  /** η² in [0, 1]. */
  importance: number;
  /** Groups the trials were split into. */
  groups: number;
  /** Trials with both the parameter and the objective. */
  trials: number;
}

function groupKeys(values: unknown[], maxGroups: number): string[] {
  const numeric = values.every((v) => typeof v === 'number' && Number.isFinite(v));
  const distinct = new Set(values.map((v) => JSON.stringify(v)));
  if (!numeric || distinct.size <= maxGroups) return values.map((v) => JSON.stringify(v));
  // equal-size groups by rank; equal values always share a group
  const order = values.map((v, i) => ({ v: v as number, i })).sort((a, b) => a.v - b.v);
  const keys = new Array<string>(values.length);
  const size = values.length / maxGroups;
  let group = 0;
  order.forEach((o, rank) => {
    const prev = order[rank - 1];
    if (prev && prev.v !== o.v) group = Math.min(maxGroups - 1, Math.floor(rank / size));
    keys[o.i] = `g${group}`;
  });
  return keys;
}

/** η² of every parameter that varies, most important first (see the module comment). */
export function paramImportance(trials: readonly ImportanceTrial[], options: { maxGroups?: number } = {}): ParamImportance[] {
  const maxGroups = options.maxGroups ?? 5;
  const usable = trials.filter((t) => Number.isFinite(t.objective));
  const names = new Set<string>();
  for (const t of usable) for (const k of Object.keys(t.params)) names.add(k);
  const out: ParamImportance[] = [];
  for (const param of names) {
    const rows = usable.filter((t) => t.params[param] !== undefined && t.params[param] !== null);
    if (rows.length < 2) continue;
    const keys = groupKeys(
      rows.map((r) => r.params[param]),
      maxGroups,
    );
    const groups = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const k = keys[i]!;
      const list = groups.get(k) ?? [];
      list.push(r.objective);
      groups.set(k, list);
    });
    if (groups.size < 2) continue;
    const mean = rows.reduce((s, r) => s + r.objective, 0) / rows.length;
    const total = rows.reduce((s, r) => s + (r.objective - mean) ** 2, 0);
    let between = 0;
    for (const ys of groups.values()) {
      const m = ys.reduce((s, y) => s + y, 0) / ys.length;
      between += ys.length * (m - mean) ** 2;
    }
    out.push({ param, importance: total > 0 ? Math.min(1, between / total) : 0, groups: groups.size, trials: rows.length });
  }
  return out.sort((a, b) => b.importance - a.importance || a.param.localeCompare(b.param));
}
