import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  QueueSettingLocation,
  describeLocation,
  locateProp,
  queueProvenance,
  raiseVisibilityTimeout,
  recordQueueProvenance,
  withPropOrigin,
} from '../../lib/core';

function setup(givenByUser: boolean, visibilityTimeout?: Duration) {
  const stack = new Stack(new App(), 'Shop');
  const owner = new Construct(stack, 'Orders');
  const queue = new sqs.Queue(owner, 'Queue', { visibilityTimeout });
  const location: QueueSettingLocation = { scope: owner, prop: 'subscribers.fulfilment.queueProps.visibilityTimeout', givenByUser, checkedByOwner: true };
  recordQueueProvenance(queue, { owner, name: 'fulfilment', settings: { visibilityTimeout: location } });
  const visibility = () => (queue.node.defaultChild as sqs.CfnQueue).visibilityTimeout;
  return { stack, owner, queue, visibility };
}

describe('queue provenance', () => {
  test('a pattern given a queue reads who made it and where a setting is changed, with its construct path', () => {
    const { owner, queue } = setup(false);
    const record = queueProvenance(queue);
    expect(record?.owner).toBe(owner);
    expect(describeLocation(record!.settings.visibilityTimeout!)).toBe('Shop/Orders subscribers.fulfilment.queueProps.visibilityTimeout');
  });

  test('a queue no pattern made has no record', () => {
    const { stack } = setup(false);
    expect(queueProvenance(new sqs.Queue(stack, 'Mine'))).toBeUndefined();
  });

  test('a visibility timeout the owner left to its default is raised by each reader, and the longest is kept', () => {
    const { queue, visibility } = setup(false);
    expect(raiseVisibilityTimeout(queue, Duration.seconds(180))).toBe(true);
    expect(raiseVisibilityTimeout(queue, Duration.seconds(60))).toBe(true);
    expect(visibility()).toBe(180);
    raiseVisibilityTimeout(queue, Duration.seconds(360));
    expect(visibility()).toBe(360);
  });

  test('a visibility timeout the user gave is never changed: the reader checks it instead', () => {
    const { queue, visibility } = setup(true, Duration.seconds(30));
    expect(raiseVisibilityTimeout(queue, Duration.seconds(180))).toBe(false);
    expect(visibility()).toBe(30);
  });

  test('a queue without a record is never changed', () => {
    const { stack } = setup(false);
    const mine = new sqs.Queue(stack, 'Mine');
    expect(raiseVisibilityTimeout(mine, Duration.seconds(180))).toBe(false);
    expect((mine.node.defaultChild as sqs.CfnQueue).visibilityTimeout).toBeUndefined();
  });
});

describe('prop locations', () => {
  test('props a user gave a pattern directly are named as given, on that pattern', () => {
    const { stack } = setup(false);
    const inner = new Construct(stack, 'Consumer');
    expect(locateProp(inner, { batchSize: 11 }, 'batchSize')).toEqual({ scope: inner, prop: 'batchSize' });
  });

  test('props another pattern wrote are named as the user wrote them on that pattern: prefixed, or renamed by their first segment', () => {
    const { stack, owner } = setup(false);
    const inner = new Construct(stack, 'Consumer');
    const props = withPropOrigin({ batchSize: 11 }, { scope: owner, prefix: 'subscribers.fulfilment.consumer.', renames: { queue: 'subscribers.fulfilment.queue' } });
    expect(locateProp(inner, props, 'functionProps.timeout')).toEqual({ scope: owner, prop: 'subscribers.fulfilment.consumer.functionProps.timeout' });
    expect(locateProp(inner, props, 'queue visibilityTimeout')).toEqual({ scope: owner, prop: 'subscribers.fulfilment.queue visibilityTimeout' });
    expect(locateProp(inner, props, 'queueProps.retentionPeriod')).toEqual({ scope: owner, prop: 'subscribers.fulfilment.consumer.queueProps.retentionPeriod' });
  });
});
