/**
 * Model registry: every registered model, its versions with lineage to the trial and
 * experiment that trained them, stage and alias history; promote to Production and archive.
 */
import { gql } from '../api.js';
import { errorBox, fmt, h, pct, replace, time, toast } from '../dom.js';
import { href } from '../router.js';
import type { Page } from './page.js';

interface Version {
  id: string;
  modelName: string;
  version: number;
  stage: string;
  aliases: string[];
  tags: Record<string, unknown>;
  metrics: Record<string, unknown>;
  createdAt: string;
  trial: { id: string; name: string; finalMetrics: Record<string, number> | null } | null;
  experiment: { id: string; name: string } | null;
}
interface Model {
  id: string;
  name: string;
  description: string | null;
  aliases: Record<string, number>;
  production: { version: number } | null;
  versions: Version[];
  history: { id: string; kind: string; version: number | null; alias: string | null; fromValue: string | null; toValue: string | null; actor: string; reason: string | null; at: string }[];
  updatedAt: string;
}

const QUERY = `query Registry { registeredModels {
  id name description aliases updatedAt production { version }
  versions { id modelName version stage aliases tags metrics createdAt trial { id name finalMetrics } experiment { id name } }
  history { id kind version alias fromValue toValue actor reason at }
} }`;
const TRANSITION = `mutation ($modelName: String!, $version: Int!, $stage: ModelStage!) {
  transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: true) { id version stage }
}`;

export const registryPage: Page = (root, route) => {
  const wanted = route.query.get('model');
  const box = h('div', {}, h('p', { class: 'muted' }, 'loading…'));
  replace(root, h('div', { class: 'page-head' }, h('h1', {}, 'Model registry'), h('button', { 'data-testid': 'registry-refresh', onclick: () => void load() }, 'Refresh')), box);

  const transition = async (m: Model, v: Version, stage: 'Production' | 'Archived'): Promise<void> => {
    try {
      await gql(TRANSITION, { modelName: m.name, version: v.version, stage });
      toast(`${m.name} v${v.version} → ${stage}`);
    } catch (err) {
      toast(`${(err as { code?: string }).code ?? 'ERROR'}: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
    await load();
  };

  const modelView = (m: Model): HTMLElement =>
    h(
      'section',
      { class: 'model', 'data-testid': `model-${m.name}` },
      h('h2', {}, m.name, ' ', h('span', { class: 'muted small' }, `${m.versions.length} version(s) · production v${m.production?.version ?? '–'} · aliases ${Object.entries(m.aliases ?? {}).map(([a, v]) => `${a}=v${v}`).join(', ') || '–'}`)),
      m.description ? h('p', {}, m.description) : '',
      h(
        'table',
        { class: 'grid', 'data-testid': `versions-table-${m.name}` },
        h('thead', {}, h('tr', {}, ['version', 'stage', 'aliases', 'test_accuracy', 'latency b1', 'trial', 'experiment', 'created', ''].map((c) => h('th', {}, c)))),
        h(
          'tbody',
          {},
          [...m.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) =>
              h(
                'tr',
                { 'data-testid': `version-row-${m.name}-${v.version}`, 'data-stage': v.stage },
                h('td', { class: 'num' }, `v${v.version}`),
                h('td', {}, h('span', { class: `badge stage-${v.stage.toLowerCase()}`, 'data-testid': `version-stage-${m.name}-${v.version}` }, v.stage)),
                h('td', {}, v.aliases.join(', ') || '–'),
                h('td', { class: 'num' }, pct(v.metrics['test_accuracy'] ?? v.trial?.finalMetrics?.['test_accuracy'])),
                h('td', { class: 'num' }, typeof v.metrics['inference_latency_ms_b1'] === 'number' ? `${fmt(v.metrics['inference_latency_ms_b1'])} ms` : '–'),
                h('td', {}, v.trial ? h('a', { href: href(`/trials/${v.trial.id}`), 'data-testid': `version-trial-${m.name}-${v.version}` }, v.trial.name) : '–'),
                h('td', {}, v.experiment ? h('a', { href: href(`/experiments/${v.experiment.id}`), 'data-testid': `version-experiment-${m.name}-${v.version}` }, v.experiment.name) : '–'),
                h('td', {}, time(v.createdAt)),
                h(
                  'td',
                  { class: 'actions' },
                  h('button', { class: 'primary', 'data-testid': `promote-${m.name}-${v.version}`, disabled: v.stage === 'Production', onclick: () => void transition(m, v, 'Production') }, 'Promote to Production'),
                  h('button', { 'data-testid': `archive-${m.name}-${v.version}`, disabled: v.stage === 'Archived', onclick: () => void transition(m, v, 'Archived') }, 'Archive'),
                ),
              ),
            ),
        ),
      ),
      h('h3', {}, 'Stage and alias history'),
      h(
        'table',
        { class: 'grid small', 'data-testid': `history-table-${m.name}` },
        h('thead', {}, h('tr', {}, ['at', 'event', 'version', 'alias', 'from', 'to', 'by', 'reason'].map((c) => h('th', {}, c)))),
        h(
          'tbody',
          {},
          [...m.history]
            .sort((a, b) => b.at.localeCompare(a.at))
            .map((e) => h('tr', {}, h('td', {}, time(e.at)), h('td', {}, e.kind), h('td', {}, e.version === null ? '–' : `v${e.version}`), h('td', {}, e.alias ?? ''), h('td', {}, e.fromValue ?? ''), h('td', {}, e.toValue ?? ''), h('td', {}, e.actor), h('td', {}, e.reason ?? ''))),
        ),
      ),
    );

  const load = async (): Promise<void> => {
    try {
      const { registeredModels } = await gql<{ registeredModels: Model[] }>(QUERY);
      const models = wanted ? registeredModels.filter((m) => m.name === wanted) : registeredModels;
      replace(box, models.length ? models.map(modelView) : h('p', { class: 'muted', 'data-testid': 'registry-empty' }, 'No registered models yet: the registry registers the best trial when an experiment succeeds.'));
    } catch (err) {
      replace(box, errorBox(err));
    }
  };
  void load();
  return () => undefined;
};
