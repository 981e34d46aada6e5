import { Timer } from '../clock';
import { SimulationRuntime } from '../runtime';
import { TimeSeries } from '../world/time-series';
import { BusyMeter } from './busy-meter';
import { QueueWorker, WorkerBehaviour } from './queue-worker';
import { LoopFleet, WorkerLoop } from './worker-loop';

/** What the ECS service or the Auto Scaling group gives its fleet: names, and how a worker protects itself. */
export interface FleetOwner {
  /** The logical id of the service or group. */
  readonly logicalId: string;
  /** `task` or `instance`, in reasons. */
  readonly noun: string;
  /** The id and ARN of the `n`th worker launched. */
  identity(n: number): { readonly id: string; readonly arn: string };
  /**
   * The call the worker's code makes to be protected from scale-in, or to clear it (ECS UpdateTaskProtection, EC2
   * Auto Scaling SetInstanceProtection), with the worker's role: the refusal, or undefined when it was made.
   */
  protect(worker: QueueWorker, enabled: boolean, expiresMs: number | undefined): string | undefined;
  /** Whether workers start protected from scale-in (a group's NewInstancesProtectedFromScaleIn). */
  readonly protectsNewWorkers?: boolean;
}

/** What happened to messages and workers, over the whole run. */
export interface FleetTotals {
  launched: number;
  stopped: number;
  /** Messages processed and deleted. */
  processed: number;
  /** Messages whose processing failed (not deleted: they reappear). */
  failed: number;
  /** Messages processed whose delete was refused because they had reappeared: they are processed again. */
  processedAgain: number;
  /** Messages a stopped worker held (in hand or received and waiting): they reappear after the visibility timeout. */
  interrupted: number;
  protectionRefused: number;
}

/**
 * The workers of an ECS service or an Auto Scaling group, held at a desired count: new workers take the startup
 * time before they are in service; a scale-in stops workers not protected from scale-in (starting ones first, then
 * the oldest), and a protected worker beyond the desired count is stopped once its protection is cleared or expires,
 * as ECS and EC2 Auto Scaling do. The loop each worker runs is set by `configure` (a fleet nobody configured has
 * workers that run and receive nothing).
 */
export class QueueWorkerFleet implements LoopFleet {
  public desired: number;
  /** Workers starting or running, in launch order. */
  public readonly live: QueueWorker[] = [];
  public readonly meter = new BusyMeter();
  /** The desired count and the workers in service, at each change. */
  public readonly desiredSeries = new TimeSeries();
  public readonly inServiceSeries = new TimeSeries();
  public readonly totals: FleetTotals = { launched: 0, stopped: 0, processed: 0, failed: 0, processedAgain: 0, interrupted: 0, protectionRefused: 0 };
  public loop: WorkerLoop | undefined = undefined;
  /** Called when the desired count or the workers in service change (CloudWatch wakes, a recorder notes it). */
  public onChange: (() => void) | undefined = undefined;
  private inService = 0;
  private closedWorkerMs = 0;
  private expiryCheck: Timer | undefined = undefined;

  constructor(
    private readonly runtime: SimulationRuntime,
    public readonly owner: FleetOwner,
    initial: number,
    /** From launch until in service. */
    public startupMs: number,
  ) {
    this.desired = initial;
    this.desiredSeries.level(0, initial);
    // The workers the deployed service or group already runs are in service when the simulation starts.
    for (let i = 0; i < initial; i++) this.start(this.launch(false));
  }

  public get running(): number {
    return this.inService;
  }

  public get starting(): number {
    return this.live.length - this.inService;
  }

  /** Worker-milliseconds from each launch to its stop (or now): what instance-hours are billed on. */
  public workerMs(now: number = this.runtime.clock.now): number {
    let ms = this.closedWorkerMs;
    for (const w of this.live) ms += now - w.launchedAt;
    return ms;
  }

  /** Sets what the workers do; workers in service start their loops now. */
  public configure(behaviour: WorkerBehaviour): void {
    if (this.loop) throw new Error(`the workers of ${this.owner.logicalId} are already configured`);
    this.loop = new WorkerLoop(this.runtime, this, behaviour);
    for (const w of this.live) if (w.state === 'running') this.loop.start(w);
  }

  /** Changes the desired count: launches workers, or stops those not protected from scale-in. */
  public setDesired(n: number): void {
    this.desired = n;
    this.desiredSeries.level(this.runtime.clock.now, n);
    for (let missing = n - this.live.length; missing > 0; missing--) this.launch(true);
    this.reconcile();
    this.onChange?.();
  }

  /** Stops workers beyond the desired count that may be stopped; checks again when a protection expires. */
  public reconcile(): void {
    const now = this.runtime.clock.now;
    let excess = this.live.length - this.desired;
    if (excess <= 0) return;
    for (let i = this.live.length - 1; i >= 0 && excess > 0; i--) {
      if (this.live[i].state === 'starting') {
        this.stop(this.live[i], 'scale-in: the desired count is below the workers launched');
        excess--;
      }
    }
    for (const w of [...this.live]) {
      if (excess <= 0) break;
      if (w.isProtected(now)) continue;
      this.stop(w, 'scale-in: the desired count is below the workers in service, and this one is not protected');
      excess--;
    }
    if (excess > 0) this.checkWhenProtectionExpires(now);
  }

  /** The protection call of a worker's loop, made through its owner (the worker's role may be refused). */
  public protect(worker: QueueWorker, enabled: boolean, expiresMs: number | undefined): void {
    const refusal = this.owner.protect(worker, enabled, expiresMs);
    if (refusal !== undefined) {
      this.totals.protectionRefused++;
      this.runtime.record('workers.protectionRefused', this.owner.logicalId, undefined, refusal, { worker: worker.id, enabled });
      return;
    }
    this.runtime.record(enabled ? 'workers.protected' : 'workers.unprotected', this.owner.logicalId, undefined, undefined, { worker: worker.id });
    if (!enabled) this.reconcile();
  }

  /** A new worker; it comes into service after the startup time, unless it is one the deployment already runs. */
  private launch(afterStartup: boolean): QueueWorker {
    const n = ++this.totals.launched;
    const { id, arn } = this.owner.identity(n);
    const w = new QueueWorker(id, arn, this.runtime.clock.now, (started) => this.start(started));
    if (this.owner.protectsNewWorkers) w.protectedUntil = Infinity;
    this.live.push(w);
    if (afterStartup) {
      this.runtime.clock.schedule(w, this.runtime.clock.now + this.startupMs);
      this.runtime.record('workers.launched', this.owner.logicalId, undefined, undefined, { worker: id, inServiceAt: this.runtime.clock.now + this.startupMs });
    }
    return w;
  }

  private start(w: QueueWorker): void {
    if (w.state !== 'starting') return;
    const now = this.runtime.clock.now;
    w.state = 'running';
    w.startedAt = now;
    this.inService++;
    this.inServiceSeries.level(now, this.inService);
    this.meter.change(now, 1, 0);
    this.runtime.record('workers.started', this.owner.logicalId, undefined, undefined, { worker: w.id });
    this.loop?.start(w);
    this.onChange?.();
  }

  private stop(w: QueueWorker, reason: string): void {
    const now = this.runtime.clock.now;
    this.runtime.clock.cancel(w);
    const interrupted = w.state === 'running' ? this.loop?.stop(w) ?? [] : [];
    if (w.state === 'running') {
      this.inService--;
      this.inServiceSeries.level(now, this.inService);
      this.meter.change(now, -1, 0);
    }
    w.state = 'stopped';
    w.stoppedAt = now;
    this.live.splice(this.live.indexOf(w), 1);
    this.closedWorkerMs += now - w.launchedAt;
    this.totals.stopped++;
    this.totals.interrupted += interrupted.length;
    this.runtime.record('workers.stopped', this.owner.logicalId, undefined, reason, { worker: w.id, interrupted });
    for (const id of interrupted) {
      this.runtime.record('workers.interrupted', this.owner.logicalId, id, `the ${this.owner.noun} was stopped while it held the message: it reappears after its visibility timeout`, { worker: w.id });
    }
  }

  private checkWhenProtectionExpires(now: number): void {
    let next = Infinity;
    for (const w of this.live) if (w.isProtected(now) && w.protectedUntil < next) next = w.protectedUntil;
    if (next === Infinity || (this.expiryCheck && this.expiryCheck.heapIndex >= 0 && this.expiryCheck.time <= next)) return;
    if (this.expiryCheck) this.runtime.clock.cancel(this.expiryCheck);
    this.expiryCheck = this.runtime.clock.at(next, () => {
      this.reconcile();
      this.onChange?.();
    });
  }
}
