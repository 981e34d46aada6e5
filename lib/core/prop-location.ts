import { IConstruct } from 'constructs';

/** Where a user sets something: a construct, and the prop on it as the user writes it. */
export interface PropLocation {
  /** The construct whose props hold the setting. */
  readonly scope: IConstruct;
  /** The prop as the user writes it on that construct (`subscribers.fulfilment.queueProps.visibilityTimeout`). */
  readonly prop: string;
}

/**
 * Where the props a pattern was given were written, when another pattern wrote them on the user's behalf.
 *
 * A pattern that makes another pattern from a part of its own props (a fan-out subscriber's `consumer`
 * becomes a QueueConsumer's props) records this on the props object it passes, so every error and
 * warning of the inner pattern names the prop the user wrote, on the construct the user made.
 */
export interface PropOrigin {
  /** The construct the user gave the props to. */
  readonly scope: IConstruct;
  /** Put before every prop of the inner pattern (`subscribers.fulfilment.consumer.`). */
  readonly prefix: string;
  /**
   * Props of the inner pattern that the outer one sets from another of its props, by the inner prop's
   * first segment: `{ queue: 'subscribers.fulfilment.queue' }` names `queue visibilityTimeout` as
   * `subscribers.fulfilment.queue visibilityTimeout`.
   * @default - every prop is prefixed
   */
  readonly renames?: Readonly<Record<string, string>>;
}

const origins = new WeakMap<object, PropOrigin>();

/** Records where `props` were written, and returns them, for the outer pattern to pass on. */
export function withPropOrigin<T extends object>(props: T, origin: PropOrigin): T {
  origins.set(props, origin);
  return props;
}

/** Where `props` were written, if another pattern wrote them. */
export function propOrigin(props: object): PropOrigin | undefined {
  return origins.get(props);
}

/**
 * Where the user changes the prop `prop` of the pattern `scope` that was given `props`: on `scope` itself,
 * or, when another pattern wrote the props, on that pattern under its own name for it.
 */
export function locateProp(scope: IConstruct, props: object, prop: string): PropLocation {
  const origin = propOrigin(props);
  if (!origin) return { scope, prop };
  const head = /^[^ .]+/.exec(prop)?.[0] ?? prop;
  const renamed = origin.renames?.[head];
  return { scope: origin.scope, prop: renamed !== undefined ? renamed + prop.slice(head.length) : origin.prefix + prop };
}
