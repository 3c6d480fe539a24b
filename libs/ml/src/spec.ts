/**
 * The seed's model family and its bounds are part of the contracts (so the gateway and the
 * scheduler refuse what this engine cannot train); re-exported here for the engine's users.
 */
export { buildSpec, countParams, layerShapes, presetSpec, PRESET_RUNS, type PresetRun } from '@trialgrid/contracts';
