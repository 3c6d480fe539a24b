/**
 * The registry's editors as modal forms (`<dialog>`): the description and tags of a registered
 * model or of a model version, and a model's production gate (promotion policy) with each
 * threshold in the unit people read it in. Validation messages appear in the form next to the
 * field; a refused save (a GraphQL error) shows its code and message in the form, which stays
 * open with what was typed. Nothing is sent until every field is valid. The forms do not talk
 * to the API themselves: the caller passes `save`, which throws on failure.
 *
 * The dialog is attached to `document.body`, not to the page's live-updated content, so a
 * registry change arriving through the subscription while it is open does not close it.
 */
import { h, replace } from '../dom.js';
import type { Policy } from './registry.js';

/** What a description/tags form asks to change. */
export interface MetaEdit {
  /** The new description; null clears it. */
  description: string | null;
  /** Changed or added tags with their new value, removed tags as null; unchanged tags are left out. */
  tags: Record<string, string | null>;
}

/** One key/value row of the tag editor as typed. */
export interface TagRow {
  key: string;
  value: string;
}

/** A tag value as the editor shows it: strings as they are, anything else (numbers, objects) as JSON. */
export function tagText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The tag changes that turn `before` into `rows`: a key whose shown text changed (or is new)
 * maps to the typed value, a key no longer present maps to null (the API deletes it), an
 * unchanged key is left out, so a non-string value the user did not touch keeps its type.
 * Keys and values are trimmed; a row with neither is ignored.
 * Returns `{ error }` naming the row for a value without a key or a key given twice.
 */
export function tagPatch(before: Readonly<Record<string, unknown>>, rows: readonly TagRow[]): { patch: Record<string, string | null> } | { error: string } {
  const after = new Map<string, string>();
  for (const [i, row] of rows.entries()) {
    const key = row.key.trim();
    const value = row.value.trim();
    if (!key && !value) continue;
    if (!key) return { error: `Tag ${i + 1} has the value "${value}" but no key.` };
    if (after.has(key)) return { error: `The tag key "${key}" is given twice.` };
    after.set(key, value);
  }
  const patch: Record<string, string | null> = {};
  for (const [key, value] of after) if (!(key in before) || tagText(before[key]) !== value) patch[key] = value;
  for (const key of Object.keys(before)) if (!after.has(key)) patch[key] = null;
  return { patch };
}

/** The four thresholds of the gate as the form names them. */
export type PolicyField = keyof Policy;

interface FieldSpec {
  label: string;
  unit: string;
  hint: string;
  /** From the stored value (fraction, ms, bytes) to the unit shown. */
  show: (stored: number) => number;
  /** From the unit shown to the stored value. */
  store: (shown: number) => number;
  /** Null when `shown` is acceptable, else why not. */
  check: (shown: number) => string | null;
}

const BYTES_PER_MB = 1024 * 1024; // binary, as @trialgrid/format shows sizes and the seed's "10 MB" is read
const between0and100 = (what: string) => (x: number) => (x >= 0 && x <= 100 ? null : `${what} must be between 0 and 100; got ${x}.`);
const positive = (what: string) => (x: number) => (x > 0 ? null : `${what} must be greater than 0; got ${x}.`);

/**
 * The gate's thresholds in display units. Ranges match the API's (libs/contracts
 * promotionPolicySchema: fractions in [0, 1], latency > 0, size a positive whole number of bytes).
 */
const POLICY_FIELDS: Record<PolicyField, FieldSpec> = {
  minTestAccuracy: {
    label: 'Minimum test accuracy',
    unit: '%',
    hint: 'a version passes with at least this accuracy on its test set',
    show: (x) => x * 100,
    store: (x) => x / 100,
    check: between0and100('Minimum test accuracy (%)'),
  },
  maxLatencyMs: {
    label: 'Maximum inference latency',
    unit: 'ms',
    hint: 'batch of 1; a version passes below this',
    show: (x) => x,
    store: (x) => x,
    check: positive('Maximum inference latency (ms)'),
  },
  maxModelSizeBytes: {
    label: 'Maximum model size',
    unit: 'MB',
    hint: 'saved model files; 1 MB = 1,024 KB; a version passes below this',
    show: (x) => x / BYTES_PER_MB,
    store: (x) => Math.round(x * BYTES_PER_MB),
    check: (x) => (Math.round(x * BYTES_PER_MB) >= 1 ? null : `Maximum model size (MB) must be greater than 0; got ${x}.`),
  },
  maxClassAccuracyGap: {
    label: 'Largest worst-class gap',
    unit: 'points',
    hint: 'overall accuracy minus the worst class’s accuracy, in percentage points, at most',
    show: (x) => x * 100,
    store: (x) => x / 100,
    check: between0and100('Largest worst-class gap (points)'),
  },
};
const FIELD_ORDER: readonly PolicyField[] = ['minTestAccuracy', 'maxLatencyMs', 'maxModelSizeBytes', 'maxClassAccuracyGap'];

/** A number as a person would type it: no float noise (99.00000000000001 → 99). */
function shown(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/**
 * The policy from the four inputs as typed (display units: %, ms, MB, points), or the message
 * for each field that is empty, not a number or out of range.
 */
export function policyFromInputs(values: Readonly<Record<PolicyField, string>>): { policy: Policy } | { errors: Partial<Record<PolicyField, string>> } {
  const errors: Partial<Record<PolicyField, string>> = {};
  const policy = {} as Policy;
  for (const field of FIELD_ORDER) {
    const spec = POLICY_FIELDS[field];
    const text = values[field].trim();
    const x = Number(text);
    const problem = text === '' ? `${spec.label} (${spec.unit}) is required.` : !Number.isFinite(x) ? `${spec.label} (${spec.unit}) must be a number; got "${text}".` : spec.check(x);
    if (problem) errors[field] = problem;
    else policy[field] = spec.store(x);
  }
  return Object.keys(errors).length ? { errors } : { policy };
}

/** The message of a refused request, with its GraphQL error code (`CONFLICT: …`). */
export function failure(err: unknown): string {
  const code = (err as { code?: string }).code;
  return `${code ? `${code}: ` : ''}${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Opens a modal form with Save (or `saveLabel`) and Cancel. `submit` runs on Save: it returns
 * an error message to show in the form (the dialog stays open), or null to close it; a throw
 * shows as its code and message. Escape, Cancel or leaving the page (hashchange) closes it
 * without saving. The dialog removes itself from the page when closed.
 */
function openForm(testid: string, title: string, body: Node[], submit: () => Promise<string | null>, saveLabel = 'Save'): HTMLDialogElement {
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': `${testid}-error`, hidden: true });
  const saveBtn = h('button', { type: 'submit', class: 'primary', 'data-testid': `${testid}-save` }, saveLabel);
  const dialog = h('dialog', { class: 'editor', 'data-testid': testid, 'aria-label': title });
  const form = h(
    'form',
    {
      novalidate: true,
      // typing again clears the message of the last refused save
      oninput: (ev: Event) => {
        error.hidden = true;
        if (ev.target instanceof HTMLElement) ev.target.removeAttribute('aria-invalid');
      },
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        saveBtn.disabled = true;
        saveBtn.textContent = 'Saving…';
        void submit()
          .catch((err: unknown) => failure(err))
          .then((problem) => {
            saveBtn.disabled = false;
            saveBtn.textContent = saveLabel;
            if (problem === null) {
              dialog.close();
              return;
            }
            error.textContent = problem;
            error.hidden = false;
          });
      },
    },
    h('h2', {}, title),
    body,
    error,
    h('div', { class: 'editor-actions' }, h('button', { type: 'button', 'data-testid': `${testid}-cancel`, onclick: () => dialog.close() }, 'Cancel'), saveBtn),
  );
  dialog.append(form);
  // leaving the page (back button, a link typed in) cancels the form
  const leave = (): void => dialog.close();
  window.addEventListener('hashchange', leave, { once: true });
  dialog.addEventListener('close', () => {
    window.removeEventListener('hashchange', leave);
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/**
 * The description and tags editor of a registered model or a model version: a textarea, one
 * key/value row per tag (remove with ×, add with "Add tag"), Save and Cancel. `save` receives
 * only what changed and throws on failure (its message shows in the form); it is not called when
 * nothing changed. Test ids: `<testid>`, `-description`, `-add-tag`, rows `-tag-<n>` with
 * `data-tag-key` (the key when opened) holding `-tag-key-<n>`, `-tag-value-<n>`, `-tag-remove-<n>`,
 * `-error`, `-save`, `-cancel`.
 */
export function openMetaEditor(opts: {
  testid: string;
  title: string;
  description: string | null;
  tags: Readonly<Record<string, unknown>>;
  save: (edit: Partial<MetaEdit>) => Promise<void>;
}): HTMLDialogElement {
  const { testid } = opts;
  const description = h('textarea', { rows: 4, 'data-testid': `${testid}-description`, placeholder: 'what this model is, how it was trained, what it is for' });
  description.value = opts.description ?? '';
  const rowsBox = h('div', { class: 'tag-rows' });
  const rows: { row: HTMLElement; key: HTMLInputElement; value: HTMLInputElement }[] = [];
  let next = 0;
  const addRow = (key: string, value: string, existing: boolean): HTMLInputElement => {
    const n = next++;
    const keyIn = h('input', { type: 'text', value: key, placeholder: 'key', 'aria-label': 'tag key', 'data-testid': `${testid}-tag-key-${n}` });
    const valueIn = h('input', { type: 'text', value, placeholder: 'value', 'aria-label': 'tag value', 'data-testid': `${testid}-tag-value-${n}` });
    const entry = { row: h('div', { class: 'tag-row', 'data-testid': `${testid}-tag-${n}`, 'data-tag-key': existing ? key : null }), key: keyIn, value: valueIn };
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        title: 'remove this tag',
        'aria-label': 'remove this tag',
        'data-testid': `${testid}-tag-remove-${n}`,
        onclick: () => {
          rows.splice(rows.indexOf(entry), 1);
          entry.row.remove();
        },
      },
      '×',
    );
    entry.row.append(keyIn, valueIn, remove);
    rows.push(entry);
    rowsBox.append(entry.row);
    return keyIn;
  };
  for (const [k, v] of Object.entries(opts.tags).sort(([a], [b]) => a.localeCompare(b))) addRow(k, tagText(v), true);
  const dialog = openForm(
    testid,
    opts.title,
    [
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Description'), description),
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Tags'), rowsBox, h('button', { type: 'button', 'data-testid': `${testid}-add-tag`, onclick: () => addRow('', '', false).focus() }, '+ Add tag')),
    ],
    async () => {
      const result = tagPatch(
        opts.tags,
        rows.map((r) => ({ key: r.key.value, value: r.value.value })),
      );
      if ('error' in result) return result.error;
      const text = description.value.trim() || null;
      const edit: Partial<MetaEdit> = {};
      if (text !== (opts.description ?? null)) edit.description = text;
      if (Object.keys(result.patch).length) edit.tags = result.patch;
      if (Object.keys(edit).length) await opts.save(edit);
      return null;
    },
  );
  description.focus();
  return dialog;
}

/**
 * The production gate editor: the four thresholds as labelled number inputs in %, ms, MB and
 * points, and an optional reason for the history. Each invalid field shows its message under it
 * and nothing is sent; `save` receives the policy in stored units (fractions, ms, bytes) and
 * throws on failure. Test ids: `<testid>`, `-<field>` (minTestAccuracy, maxLatencyMs,
 * maxModelSizeBytes, maxClassAccuracyGap), `-<field>-error`, `-reason`, `-error`, `-save`, `-cancel`.
 */
export function openPolicyEditor(opts: { testid: string; title: string; policy: Policy; save: (policy: Policy, reason: string | null) => Promise<void> }): HTMLDialogElement {
  const { testid } = opts;
  const inputs = {} as Record<PolicyField, HTMLInputElement>;
  const messages = {} as Record<PolicyField, HTMLElement>;
  const fields = FIELD_ORDER.map((field) => {
    const spec = POLICY_FIELDS[field];
    const id = `${testid}-${field}`;
    inputs[field] = h('input', { id, type: 'number', step: 'any', inputmode: 'decimal', value: shown(spec.show(opts.policy[field])), 'data-testid': id, 'aria-describedby': `${id}-hint ${id}-error` });
    messages[field] = h('span', { class: 'field-error', id: `${id}-error`, 'data-testid': `${id}-error`, hidden: true });
    return h(
      'div',
      { class: 'field threshold' },
      h('label', { class: 'field-label', for: id }, spec.label),
      h('span', { class: 'with-unit' }, inputs[field], h('span', { class: 'unit' }, spec.unit)),
      h('span', { class: 'hint muted small', id: `${id}-hint` }, spec.hint),
      messages[field],
    );
  });
  const reason = h('input', { type: 'text', maxlength: 2000, placeholder: 'why the gate changes (optional)', 'data-testid': `${testid}-reason` });
  const dialog = openForm(
    testid,
    opts.title,
    [
      h('p', { class: 'muted small' }, 'Every version is judged again when you save; the history records the change, who made it and every verdict that flips.'),
      h('div', { class: 'threshold-grid' }, fields),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Reason'), reason),
    ],
    async () => {
      const values = {} as Record<PolicyField, string>;
      for (const field of FIELD_ORDER) values[field] = inputs[field].value;
      const result = policyFromInputs(values);
      for (const field of FIELD_ORDER) {
        const problem = 'errors' in result ? result.errors[field] : undefined;
        replace(messages[field], problem ?? '');
        messages[field].hidden = !problem;
        if (problem) inputs[field].setAttribute('aria-invalid', 'true');
        else inputs[field].removeAttribute('aria-invalid');
      }
      if ('errors' in result) return 'Nothing was saved: fix the highlighted threshold.';
      await opts.save(result.policy, reason.value.trim() || null);
      return null;
    },
  );
  inputs.minTestAccuracy.focus();
  return dialog;
}

/**
 * Asks whether to promote a version the production gate refused: what it fails (`failed`, one
 * line per criterion, else the API's refusal message `refusal`) and a reason, required, that
 * the history records with the override. `save` promotes with the override and throws on
 * failure; `onCancel` runs when the form is closed without promoting.
 * Test ids: `<testid>`, `-refusal`, `-reason`, `-error`, `-save`, `-cancel`.
 */
export function openOverrideForm(opts: { testid: string; title: string; refusal: string; failed: readonly string[]; save: (reason: string) => Promise<void>; onCancel: () => void }): HTMLDialogElement {
  const { testid } = opts;
  const reason = h('textarea', { rows: 3, maxlength: 2000, 'data-testid': `${testid}-reason`, placeholder: 'why this version goes to Production anyway' });
  let promoted = false;
  const dialog = openForm(
    testid,
    opts.title,
    [
      h(
        'div',
        { class: 'refusal', 'data-testid': `${testid}-refusal` },
        opts.failed.length ? [h('p', {}, 'It fails the production gate:'), h('ul', { class: 'gate-fails' }, opts.failed.map((line) => h('li', {}, line)))] : h('p', {}, opts.refusal),
      ),
      h('p', { class: 'muted small' }, 'Promoting it anyway is an override: the history records it with your reason and your name, and the champion alias moves to it.'),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Reason (required)'), reason),
    ],
    async () => {
      const text = reason.value.trim();
      if (!text) {
        reason.setAttribute('aria-invalid', 'true');
        return 'Give a reason: an override of the production gate is recorded with it.';
      }
      await opts.save(text);
      promoted = true;
      return null;
    },
    'Promote anyway',
  );
  dialog.addEventListener('close', () => {
    if (!promoted) opts.onCancel();
  });
  reason.focus();
  return dialog;
}
