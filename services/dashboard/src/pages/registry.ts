/**
 * Model registry: search, every registered model with its description, tags and production
 * gate (promotion policy), its versions with the gate's verdict (each failed criterion with
 * its measured value), the evaluation set, size and latency, lineage to trial and experiment;
 * the stage/alias history with actor and reason. Promote (a version that fails the gate asks,
 * in a form, for an override reason), archive; edit description and tags, and change the policy, in the
 * forms of registry-edit.ts. Live:
 * every registry change arrives through the `modelChanged` subscription.
 */
import { gql, subscribe } from '../api.js';
import { throttle } from '../curves.js';
import { errorBox, h, metric, replace, time, toast } from '../dom.js';
import { graphql } from '@trialgrid/graphql-documents';
import type { HistoryFieldsFragment, PolicyFieldsFragment, RegistryQuery, VersionFieldsFragment } from '@trialgrid/graphql-documents';
import { href, navigate } from '../router.js';
import { jsonNumbers, jsonObject } from '../types.js';
import type { Page } from './page.js';
import { failure, openMetaEditor, openOverrideForm, openPolicyEditor, tagText } from './registry-edit.js';

export const VERSION_FIELDS = graphql(`
  fragment VersionFields on ModelVersion {
    id modelName version stage aliases description tags metrics createdAt
    evaluation { description size fingerprint } gate { passed checks { criterion measured op threshold passed message } }
    trial { id name } experiment { id name }
  }
`);
export const HISTORY_FIELDS = graphql(`
  fragment HistoryFields on ModelEvent { id kind version alias fromValue toValue actor reason at }
`);
export const POLICY_FIELDS = graphql(`
  fragment PolicyFields on PromotionPolicy { minTestAccuracy maxLatencyMs maxModelSizeBytes maxClassAccuracyGap }
`);

const QUERY = graphql(`
  query Registry($search: String) {
    registeredModels(search: $search) {
      id name description tags aliases updatedAt production { version }
      promotionPolicy { ...PolicyFields }
      versions { ...VersionFields }
      history { ...HistoryFields }
    }
  }
`);
export const TRANSITION = graphql(`
  mutation PromoteVersion($modelName: String!, $version: Int!, $stage: ModelStage!, $override: Boolean, $reason: String) {
    transitionModelVersionStage(modelName: $modelName, version: $version, stage: $stage, archiveExisting: true, override: $override, reason: $reason) { id version stage }
  }
`);
const UPDATE_MODEL = graphql(`
  mutation UpdateModel($name: String!, $description: String, $tags: JSON) { updateRegisteredModel(name: $name, description: $description, tags: $tags) { id } }
`);
export const UPDATE_VERSION = graphql(`
  mutation UpdateVersion($modelName: String!, $version: Int!, $description: String, $tags: JSON) {
    updateModelVersion(modelName: $modelName, version: $version, description: $description, tags: $tags) { id }
  }
`);
const SET_POLICY = graphql(`
  mutation SetPolicy($modelName: String!, $policy: PromotionPolicyInput!, $reason: String) { setPromotionPolicy(modelName: $modelName, policy: $policy, reason: $reason) { id } }
`);
const CHANGED = graphql(`
  subscription RegistryChanged { modelChanged { modelName version event } }
`);

export type Version = VersionFieldsFragment;
export type Gate = NonNullable<Version['gate']>;
export type GateCheck = Gate['checks'][number];
export type Policy = PolicyFieldsFragment;
export type HistoryEvent = HistoryFieldsFragment;
type Model = RegistryQuery['registeredModels'][number];

/** The gate's verdict as a badge plus the failed criteria with their measured values. */
export function gateView(gate: Gate | null, testid: string): HTMLElement {
  if (!gate) return h('span', { class: 'muted', 'data-testid': testid }, 'not judged');
  const failed = gate.checks.filter((c) => !c.passed);
  return h(
    'div',
    { 'data-testid': testid, 'data-passed': String(gate.passed) },
    h('span', { class: `badge ${gate.passed ? 'gate-pass' : 'gate-fail'}` }, gate.passed ? 'passes gate' : 'fails gate'),
    failed.length ? h('ul', { class: 'gate-fails' }, failed.map((c) => h('li', {}, checkText(c)))) : '',
  );
}

/** Tags as `key: value` chips, sorted by key (`data-tag` = the key). */
export function tagChips(tags: Readonly<Record<string, unknown>>): HTMLElement[] {
  return Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => h('span', { class: 'chip', 'data-tag': k }, `${k}: ${tagText(v)}`));
}

/** `test accuracy 92.40 % (needs ≥ 99.00 %)` in the quantity's own format. */
export function checkText(c: GateCheck): string {
  const unit: Record<string, string> = { test_accuracy: 'test_accuracy', inference_latency_ms: 'latency_ms', model_size_bytes: 'model_size_bytes', class_bias: 'class_bias_gap' };
  const key = unit[c.criterion] ?? c.criterion;
  const label: Record<string, string> = { test_accuracy: 'test accuracy', inference_latency_ms: 'latency', model_size_bytes: 'size', class_bias: 'worst class below overall by' };
  const op = c.op === '>=' ? '≥' : c.op === '<=' ? '≤' : '<';
  return `${label[c.criterion] ?? c.criterion} ${c.measured === null ? 'unknown' : metric(key, c.measured)} (needs ${op} ${metric(key, c.threshold)})`;
}

export function policyText(p: Policy): string {
  return `test accuracy ≥ ${metric('accuracy', p.minTestAccuracy)} · latency < ${metric('latency_ms', p.maxLatencyMs)} · size < ${metric('size_bytes', p.maxModelSizeBytes)} · worst class within ${metric('class_bias_gap', p.maxClassAccuracyGap)} of overall`;
}

/**
 * Promotes a version. When the gate refuses (CONFLICT) a form shows what the version fails
 * (`gate`, as the page last saw it; else the API's message) and asks for the reason the history
 * records with the override, then promotes with the override. Outcomes are toasts.
 */
export async function promote(modelName: string, version: number, gate: Gate | null): Promise<void> {
  try {
    await gql(TRANSITION, { modelName, version, stage: 'Production' });
    toast(`${modelName} v${version} → Production (champion)`);
  } catch (err) {
    if ((err as { code?: string }).code !== 'CONFLICT') {
      toast(failure(err), 'error');
      return;
    }
    openOverrideForm({
      testid: 'override-form',
      title: `Promote ${modelName} v${version} despite the gate?`,
      refusal: err instanceof Error ? err.message : String(err),
      failed: gate?.passed === false ? gate.checks.filter((c) => !c.passed).map(checkText) : [],
      save: async (reason) => {
        await gql(TRANSITION, { modelName, version, stage: 'Production', override: true, reason });
        toast(`${modelName} v${version} → Production (override recorded)`);
      },
      onCancel: () => toast('not promoted: the version fails the production gate', 'error'),
    });
  }
}

export function historyTable(events: readonly HistoryEvent[], testid: string): HTMLElement {
  return h(
    'div',
    { class: 'scroll-x panel' },
    h(
      'table',
      { class: 'grid small', 'data-testid': testid },
      h('thead', {}, h('tr', {}, ['at', 'event', 'version', 'alias', 'from', 'to', 'by', 'reason'].map((c) => h('th', {}, c)))),
      h(
        'tbody',
        {},
        [...events]
          .sort((a, b) => Number(b.id) - Number(a.id))
          .map((e) =>
            h(
              'tr',
              { class: e.kind === 'GATE' && e.toValue === 'failed' ? 'warn' : '', 'data-kind': e.kind },
              h('td', { class: 'nowrap' }, time(e.at)),
              h('td', {}, e.kind),
              h('td', {}, e.version === null ? '–' : `v${e.version}`),
              h('td', {}, e.alias ?? ''),
              h('td', {}, e.fromValue ?? ''),
              h('td', {}, e.toValue ?? ''),
              h('td', {}, e.actor),
              h('td', { class: 'reason' }, e.reason ?? ''),
            ),
          ),
      ),
    ),
  );
}

export const registryPage: Page = (root, route) => {
  const search = route.query.get('q') ?? '';
  const wanted = route.query.get('model');
  const box = h('div', {}, h('p', { class: 'muted' }, 'loading…'));
  const searchIn = h('input', { type: 'search', value: search, placeholder: 'search name, description, tags', 'data-testid': 'registry-search', size: 32 });
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        navigate('/registry', searchIn.value.trim() ? { q: searchIn.value.trim() } : {});
      },
    },
    searchIn,
    h('button', { type: 'submit', 'data-testid': 'registry-search-go' }, 'Search'),
  );
  replace(root, h('div', { class: 'page-head' }, h('h1', {}, 'Model registry'), form, h('span', { class: 'muted small' }, 'live')), box);

  const act = async (run: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await run();
      toast(done);
    } catch (err) {
      toast(failure(err), 'error');
    }
  };

  const editModel = (m: Model): void => {
    openMetaEditor({
      testid: 'model-editor',
      title: `Edit ${m.name}`,
      description: m.description,
      tags: jsonObject(m.tags),
      save: async (edit) => {
        await gql(UPDATE_MODEL, { name: m.name, ...edit });
        toast(`${m.name} updated`);
      },
    });
  };

  const editPolicy = (m: Model): void => {
    openPolicyEditor({
      testid: 'policy-editor',
      title: `Production gate of ${m.name}`,
      policy: m.promotionPolicy,
      save: async (policy, reason) => {
        await gql(SET_POLICY, { modelName: m.name, policy, reason });
        toast(`${m.name}: production gate changed, versions re-judged`);
      },
    });
  };

  const modelView = (m: Model): HTMLElement =>
    h(
      'section',
      { class: 'model', 'data-testid': `model-${m.name}` },
      h(
        'div',
        { class: 'page-head' },
        h('h2', {}, m.name),
        h('span', { class: 'muted small' }, `${m.versions.length} version(s) · Production v${m.production?.version ?? '–'} · aliases ${Object.entries(m.aliases ?? {}).map(([a, v]) => `${a}=v${v}`).join(', ') || '–'}`),
        h('button', { 'data-testid': `edit-model-${m.name}`, onclick: () => editModel(m) }, 'Edit description and tags'),
      ),
      h('p', { 'data-testid': `model-description-${m.name}` }, m.description ?? h('span', { class: 'muted' }, 'no description')),
      Object.keys(jsonObject(m.tags)).length ? h('p', { 'data-testid': `model-tags-${m.name}` }, tagChips(jsonObject(m.tags))) : '',
      h(
        'p',
        { class: 'policy', 'data-testid': `policy-${m.name}` },
        h('strong', {}, 'Production gate: '),
        policyText(m.promotionPolicy),
        ' ',
        h('button', { class: 'link', 'data-testid': `edit-policy-${m.name}`, onclick: () => editPolicy(m) }, 'Edit gate'),
      ),
      h(
        'div',
        { class: 'scroll-x panel' },
        h(
          'table',
          { class: 'grid', 'data-testid': `versions-table-${m.name}` },
          h('thead', {}, h('tr', {}, ['version', 'stage', 'aliases', 'test accuracy', 'evaluated on', 'latency', 'size', 'production gate', 'trial / experiment', ''].map((c) => h('th', {}, c)))),
          h(
            'tbody',
            {},
            [...m.versions]
              .sort((a, b) => b.version - a.version)
              .map((v) =>
                h(
                  'tr',
                  { 'data-testid': `version-row-${m.name}-${v.version}`, 'data-stage': v.stage },
                  h('td', { class: 'num' }, h('a', { href: href(`/models/${encodeURIComponent(m.name)}/${v.version}`), 'data-testid': `version-link-${m.name}-${v.version}` }, `v${v.version}`)),
                  h('td', {}, h('span', { class: `badge stage-${v.stage.toLowerCase()}`, 'data-testid': `version-stage-${m.name}-${v.version}` }, v.stage)),
                  h('td', {}, v.aliases.join(', ') || '–'),
                  h('td', { class: 'num' }, metric('test_accuracy', jsonNumbers(v.metrics)['test_accuracy'])),
                  h('td', { class: 'small', 'data-testid': `version-evaluation-${m.name}-${v.version}` }, v.evaluation?.description ?? '–'),
                  h('td', { class: 'num' }, metric('inference_latency_ms_b1', jsonNumbers(v.metrics)['inference_latency_ms_b1'])),
                  h('td', { class: 'num' }, metric('model_size_bytes', jsonNumbers(v.metrics)['model_size_bytes'])),
                  h('td', { class: 'gate-cell' }, gateView(v.gate, `version-gate-${m.name}-${v.version}`)),
                  h(
                    'td',
                    { class: 'name-cell' },
                    v.trial ? h('a', { href: href(`/trials/${v.trial.id}`), 'data-testid': `version-trial-${m.name}-${v.version}`, title: v.trial.name }, v.trial.name) : '–',
                    h('br'),
                    v.experiment ? h('a', { class: 'small', href: href(`/experiments/${v.experiment.id}`), 'data-testid': `version-experiment-${m.name}-${v.version}`, title: v.experiment.name }, v.experiment.name) : '',
                  ),
                  h(
                    'td',
                    { class: 'actions' },
                    h('button', { class: 'primary', 'data-testid': `promote-${m.name}-${v.version}`, disabled: v.stage === 'Production', onclick: () => void promote(m.name, v.version, v.gate) }, 'Promote'),
                    h('button', { 'data-testid': `archive-${m.name}-${v.version}`, disabled: v.stage === 'Archived', onclick: () => void act(() => gql(TRANSITION, { modelName: m.name, version: v.version, stage: 'Archived' }), `${m.name} v${v.version} archived`) }, 'Archive'),
                  ),
                ),
              ),
          ),
        ),
      ),
      h('h3', {}, 'Stage, alias and gate history'),
      historyTable(m.history, `history-table-${m.name}`),
    );

  const load = async (): Promise<void> => {
    try {
      const { registeredModels } = await gql(QUERY, { search: search || null });
      const models = wanted ? registeredModels.filter((m) => m.name === wanted) : registeredModels;
      replace(
        box,
        models.length
          ? models.map(modelView)
          : h('p', { class: 'muted', 'data-testid': 'registry-empty' }, search ? `No registered model matches "${search}".` : 'No registered models yet: the registry registers the best trial when an experiment succeeds.'),
      );
    } catch (err) {
      replace(box, errorBox(err));
    }
  };
  const reload = throttle(() => void load(), 250);
  const unsub = subscribe(CHANGED, {}, () => reload());
  void load();
  return unsub;
};
