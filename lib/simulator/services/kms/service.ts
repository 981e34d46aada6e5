import { ResourceTypeInfo, TemplateResource, deterministicUuid, regionalArn } from '../../template';
import { ServiceModule } from '../../world/world';
import { KmsKey } from './key';

const keyId = (r: { stackName: string; logicalId: string }) => deterministicUuid(`${r.stackName}/${r.logicalId}`);

const KEY: ResourceTypeInfo = {
  type: 'AWS::KMS::Key',
  ref: (r) => keyId(r),
  getAtt: (r, a) => ({ Arn: regionalArn(r, 'kms', `key/${keyId(r)}`), KeyId: keyId(r) })[a],
};

const ALIAS: ResourceTypeInfo = {
  type: 'AWS::KMS::Alias',
  ref: (r) => r.prop('AliasName'),
};

/**
 * KMS: customer managed keys and their aliases, so a queue's key policy can be evaluated (kms/key.ts: whether
 * SNS or a role may use a queue's key). Keys change nothing on the clock, publish no metrics, have no checks of their own.
 */
export const KMS_SERVICE: ServiceModule = {
  name: 'kms',
  resourceTypes: [KEY, ALIAS],
  models: [
    {
      type: 'AWS::KMS::Key',
      create(r: TemplateResource, world) {
        const key = new KmsKey(r.logicalId, String(r.ref), String(r.getAtt('Arn')), r.jsonProp('KeyPolicy'));
        world.indexArn(key.arn, key);
        return key;
      },
    },
    {
      // An alias may come before its key in the template: attached once every key exists.
      type: 'AWS::KMS::Alias',
      create: () => ({}),
      link(world) {
        for (const r of world.template.ofType('AWS::KMS::Alias')) {
          const target = r.stringProp('TargetKeyId');
          const key = target === undefined ? undefined : world.find(target, KmsKey, (k) => k.identities);
          key?.aliases.push(r.stringProp('AliasName')!);
        }
      },
    },
  ],
};
