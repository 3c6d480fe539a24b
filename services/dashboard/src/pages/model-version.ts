/**
 * One model version (`#/models/<name>/<version>`): description and tags (editable), stage and aliases, the production gate's
 * verdict criterion by criterion, what it was evaluated on, metrics (accuracy, latency, size),
 * per-class accuracy, lineage to its trial and experiment, a download of the saved model, and
 * its part of the stage/alias history. Live through `modelChanged`.
 */
import { gql, subscribe } from '../api.js';
import { barChart } from '../charts.js';
import { errorBox, fmt, h, metric, replace, time, toast } from '../dom.js';
import { metricLabel } from '@trialgrid/format';
import { href } from '../router.js';
import { dataLimits, jsonObject } from '../types.js';
import type { Page } from './page.js';
import { graphql } from '@trialgrid/graphql-documents';
import type { ModelVersionPageQuery } from '@trialgrid/graphql-documents';
import { checkText, historyTable, policyText, promote, tagChips, UPDATE_VERSION, type HistoryEvent, type Policy } from './registry.js';
import { openMetaEditor } from './registry-edit.js';

const QUERY = graphql(`
  query ModelVersionPage($name: String!, $version: Int!) {
    modelVersion(modelName: $name, version: $version) {
      ...VersionFields modelUrl
      trial { id name paramMap summary provenance experiment { id name options objective { metric direction } } }
    }
    registeredModel(name: $name) { promotionPolicy { ...PolicyFields } history { ...HistoryFields } }
  }
`);
const CHANGED = graphql(`
  subscription ModelVersionChanged($name: String) { modelChanged(modelName: $name) { modelName version event } }
`);

type Detail = NonNullable<ModelVersionPageQuery['modelVersion']>;

const KEY_METRICS = ['test_accuracy', 'test_loss', 'inference_latency_ms_b1', 'model_size_bytes', 'worst_class_accuracy', 'class_bias_gap', 'param_count', 'training_seconds'];

export const modelVersionPage: Page = (root, route) => {
  const name = route.parts[1] ?? '';
  const version = Number(route.parts[2] ?? '0');
  const box = h('div', {}, h('p', { class: 'muted' }, 'loading…'));
  replace(root, h('p', {}, h('a', { href: href('/registry', { model: name }), 'data-testid': 'back-to-registry' }, `← ${name}`)), box);

  const edit = (v: Detail): void => {
    openMetaEditor({
      testid: 'version-editor',
      title: `Edit ${v.modelName} v${v.version}`,
      description: v.description,
      tags: jsonObject(v.tags),
      save: async (change) => {
        await gql(UPDATE_VERSION, { modelName: v.modelName, version: v.version, ...change });
        toast(`${v.modelName} v${v.version} updated`);
      },
    });
  };

  const render = (v: Detail, policy: Policy, history: HistoryEvent[]): void => {
    const perClassRaw = jsonObject(v.trial?.summary)['perClassAccuracy'];
    const perClass = Array.isArray(perClassRaw) ? perClassRaw.filter((x): x is number => typeof x === 'number') : [];
    const metrics = jsonObject(v.metrics);
    const other = Object.keys(metrics).filter((k) => !KEY_METRICS.includes(k) && typeof metrics[k] !== 'object').sort();
    replace(
      box,
      h(
        'div',
        { class: 'page-head' },
        h('h1', { 'data-testid': 'version-title' }, `${v.modelName} v${v.version}`),
        h('span', { class: `badge stage-${v.stage.toLowerCase()}`, 'data-testid': 'version-stage' }, v.stage),
        v.aliases.map((a) => h('span', { class: 'chip' }, `@${a}`)),
        h('button', { class: 'primary', disabled: v.stage === 'Production', 'data-testid': 'version-promote', onclick: () => void promote(v.modelName, v.version, v.gate) }, 'Promote to Production'),
        v.modelUrl ? h('a', { class: 'btn', href: v.modelUrl, 'data-testid': 'version-download' }, 'Download model files') : '',
      ),
      h(
        'div',
        { class: 'version-meta' },
        h('p', { 'data-testid': 'version-description' }, v.description ?? h('span', { class: 'muted' }, 'no description')),
        Object.keys(jsonObject(v.tags)).length ? h('p', { 'data-testid': 'version-tags' }, tagChips(jsonObject(v.tags))) : '',
        h('button', { 'data-testid': 'version-edit', onclick: () => edit(v) }, 'Edit description and tags'),
      ),
      h(
        'div',
        { class: 'cols' },
        h(
          'section',
          { class: 'card', 'data-testid': 'version-gate' },
          h('h2', {}, 'Production gate ', h('span', { class: `badge ${v.gate?.passed ? 'gate-pass' : 'gate-fail'}`, 'data-testid': 'version-gate-verdict' }, v.gate ? (v.gate.passed ? 'passes' : 'fails') : 'not judged')),
          v.gate
            ? h(
                'table',
                { class: 'kv' },
                h('tbody', {}, v.gate.checks.map((c) => h('tr', { 'data-testid': `gate-check-${c.criterion}`, 'data-passed': String(c.passed) }, h('th', {}, c.passed ? '✓' : '✗'), h('td', { class: c.passed ? '' : 'bad' }, checkText(c))))),
              )
            : '',
          h('p', { class: 'muted small' }, `policy: ${policyText(policy)}`),
        ),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Metrics'),
          h(
            'table',
            { class: 'kv', 'data-testid': 'version-metrics' },
            h('tbody', {}, [...KEY_METRICS.filter((k) => metrics[k] !== undefined), ...other].map((k) => h('tr', {}, h('th', {}, metricLabel(k)), h('td', { class: 'num' }, metric(k, metrics[k]))))),
          ),
          h('p', { class: 'small', 'data-testid': 'version-evaluation' }, 'evaluated on ', h('strong', {}, v.evaluation?.description ?? 'unrecorded'), v.evaluation?.fingerprint ? h('span', { class: 'mono muted' }, ` ${v.evaluation.fingerprint.slice(0, 19)}…`) : ''),
        ),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Lineage'),
          v.trial
            ? h(
                'table',
                { class: 'kv', 'data-testid': 'version-lineage' },
                h(
                  'tbody',
                  {},
                  h('tr', {}, h('th', {}, 'experiment'), h('td', {}, h('a', { href: href(`/experiments/${v.trial.experiment.id}`) }, v.trial.experiment.name))),
                  h('tr', {}, h('th', {}, 'trial'), h('td', {}, h('a', { href: href(`/trials/${v.trial.id}`), 'data-testid': 'version-trial-link' }, v.trial.name))),
                  h('tr', {}, h('th', {}, 'data'), h('td', {}, dataLimits(v.trial.experiment.options))),
                  Object.entries(jsonObject(v.trial.paramMap)).map(([k, p]) => h('tr', {}, h('th', {}, k), h('td', {}, fmt(p)))),
                  h('tr', {}, h('th', {}, 'registered'), h('td', {}, time(v.createdAt))),
                ),
              )
            : h('p', { class: 'muted' }, 'the trial was deleted'),
        ),
      ),
      perClass.length
        ? h('section', { class: 'card' }, h('h2', {}, 'Per-class accuracy'), barChart(perClass, { testid: 'version-per-class', domain: [Math.max(0, Math.min(...perClass) - 0.05), 1] }))
        : '',
      h('h2', {}, 'History of this version'),
      historyTable(history.filter((e) => e.version === v.version), 'version-history'),
    );
  };

  const load = async (): Promise<void> => {
    try {
      const d = await gql(QUERY, { name, version });
      if (!d.modelVersion || !d.registeredModel) {
        replace(box, errorBox(Object.assign(new Error(`model version ${name} v${version} not found`), { code: 'NOT_FOUND' })));
        return;
      }
      render(d.modelVersion, d.registeredModel.promotionPolicy, d.registeredModel.history);
    } catch (err) {
      replace(box, errorBox(err));
    }
  };
  const unsub = subscribe(CHANGED, { name }, () => void load());
  void load();
  return unsub;
};
