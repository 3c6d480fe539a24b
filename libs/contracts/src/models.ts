/** Rules of the model registry's names and stages, shared by the registry, libs/db and experiment input. */
import { z } from 'zod';
import { nameText, storableText } from './text.js';

export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/** Longest registered model name (registered_models.name). */
export const MAX_MODEL_NAME = 256;
export const modelNameRule = nameText('modelName', MAX_MODEL_NAME);

/** An alias starts with a letter and uses letters, digits, _ or - (at most 64). */
export const ALIAS_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const aliasRule = z.string().regex(ALIAS_PATTERN, { error: 'alias must start with a letter and use letters, digits, _ or - (max 64)' });

/** Free text kept with a model or version (description, tag values); at most 5,000 characters. */
export const descriptionRule = storableText.max(5000, { error: 'description must be at most 5000 characters' });

/**
 * A tag key: 1..128 letters, digits or `_ . : / -`. `__proto__` fits the pattern but is refused:
 * a plain object cannot hold it as a key (zod's record and a spread both drop it without a word).
 */
export const TAG_KEY_PATTERN = /^[A-Za-z0-9_.:/-]{1,128}$/;
const TAG_VALUE = 'a tag value must be a string of at most 5000 characters';
/** A tag value: storable text of at most 5,000 characters. */
export const tagValueRule = z.string({ error: TAG_VALUE }).max(5000, { error: TAG_VALUE }).pipe(storableText);

/** An object (not an array) whose own keys do not include `__proto__`; refused before zod's record would drop that key. */
function tagObject(what: string) {
  return z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !Object.hasOwn(v, '__proto__'), {
    error: (iss) =>
      iss.input !== null && typeof iss.input === 'object' && !Array.isArray(iss.input) ? 'tag key "__proto__" is reserved' : `tags must be an object of ${what}`,
  });
}
/** Each key must match TAG_KEY_PATTERN; the issue names the key (zod's own key issue would only say "Invalid key in record"). */
function checkTagKeys(tags: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(tags)) {
    if (!TAG_KEY_PATTERN.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `tag key ${JSON.stringify(key)} must be 1..128 letters, digits or _ . : / -` });
  }
}
/** The tags of a new version (`registerModelVersion`): string values. With tagChangesRule, the only copy of the tag rule. */
export const tagsRule = tagObject('string values').pipe(z.record(z.string(), tagValueRule).superRefine(checkTagKeys));
/** Tag changes (`update...`): a string sets the tag, null deletes it. */
export const tagChangesRule = tagObject('string (or null) values').pipe(z.record(z.string(), tagValueRule.nullable()).superRefine(checkTagKeys));

/** Longest text of a registered-model search (`registeredModels(search:)`). */
export const MAX_MODEL_SEARCH = 256;
/** A registered-model search text: storable, trimmed (empty: every model), at most MAX_MODEL_SEARCH characters. */
export const modelSearchRule = storableText.trim().max(MAX_MODEL_SEARCH, { error: `search must be at most ${MAX_MODEL_SEARCH} characters` });

export const modelStageRule = z.enum(MODEL_STAGES, { error: `stage must be one of ${MODEL_STAGES.join(', ')}` });

/** Image side and pixels of the models the engine trains (MNIST layout, 28×28×1). */
export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
