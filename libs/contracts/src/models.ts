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

export const modelStageRule = z.enum(MODEL_STAGES, { error: `stage must be one of ${MODEL_STAGES.join(', ')}` });

/** Image side and pixels of the models the engine trains (MNIST layout, 28×28×1). */
export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
