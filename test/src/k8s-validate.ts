import assert from 'node:assert/strict';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';

type Obj = Record<string, unknown>;
interface Validatable {
  validate(): void;
}
const MODELS: Record<string, new (data: never) => Validatable> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
};

/** Validates a built object against the Kubernetes OpenAPI schema (KEDA's CRD by hand). */
export function validateK8sObject(obj: Obj): void {
  const key = `${String(obj['apiVersion'])}/${String(obj['kind'])}`;
  if (key === 'keda.sh/v1alpha1/ScaledObject') {
    const spec = obj['spec'] as Obj;
    assert.ok(spec['scaleTargetRef'], 'ScaledObject needs scaleTargetRef');
    assert.ok(Array.isArray(spec['triggers']) && spec['triggers'].length > 0, 'ScaledObject needs triggers');
    return;
  }
  const Model = MODELS[key];
  assert.ok(Model, `no schema known for ${key}`);
  new Model(obj as never).validate();
}
