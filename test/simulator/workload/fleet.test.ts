import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { serviceTemplate } from '../fixtures/scaling';

// A fleet held at its desired count: which workers a scale-in stops, in which order, with which reasons, and what
// the series and totals keep of it.

const SECOND = 1000;

describe('a fleet scaled in', () => {
  test('stops starting workers first, newest first, then the oldest unprotected in service, with the reasons traced', () => {
    // GIVEN two tasks in service, not protecting themselves, with a 10 s startup, then two more launched
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 2 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(30), scaleInProtection: false, startupTime: Duration.seconds(10) });
    const [first, second] = fleet.live.map((w) => w.id);
    sim.advance(Duration.seconds(1));
    fleet.setDesired(4);
    const [third, fourth] = fleet.live.slice(2).map((w) => w.id);
    expect([fleet.running, fleet.starting, fleet.desired]).toEqual([2, 2, 4]);
    sim.advance(Duration.seconds(4));
    // WHEN the desired count drops to 1 before the new ones are in service
    fleet.setDesired(1);
    // THEN the two starting tasks go first (newest first), then the oldest in service
    expect(sim.events({ type: 'workers.stopped' }).map((e) => [e.time, e.reason, e.detail])).toEqual([
      [5 * SECOND, 'scale-in: the desired count is below the workers launched', { worker: fourth, interrupted: [] }],
      [5 * SECOND, 'scale-in: the desired count is below the workers launched', { worker: third, interrupted: [] }],
      [5 * SECOND, 'scale-in: the desired count is below the workers in service, and this one is not protected', { worker: first, interrupted: [] }],
    ]);
    expect(fleet.live.map((w) => [w.id, w.state])).toEqual([[second, 'running']]);
    expect(sim.events({ type: 'workers.launched' }).map((e) => e.detail)).toEqual([{ worker: third, inServiceAt: 11 * SECOND }, { worker: fourth, inServiceAt: 11 * SECOND }]);
    // AND the stopped task's timer is gone: nothing comes into service at 11 s
    sim.advance(Duration.seconds(10));
    expect([fleet.running, fleet.starting]).toEqual([1, 0]);
    expect(sim.events({ type: 'workers.started' }).map((e) => [e.time, e.detail])).toEqual([[0, { worker: first }], [0, { worker: second }]]);
    // AND the series and totals keep it: worker-ms from each launch to its stop or now
    expect(fleet.desiredSeries.points).toEqual([{ time: 0, value: 2 }, { time: SECOND, value: 4 }, { time: 5 * SECOND, value: 1 }]);
    expect(fleet.inServiceSeries.points).toEqual([{ time: 0, value: 2 }, { time: 5 * SECOND, value: 1 }]);
    expect(fleet.totals).toEqual({ launched: 4, stopped: 3, processed: 0, failed: 0, processedAgain: 0, interrupted: 0, protectionRefused: 0 });
    expect(fleet.workerMs()).toBe(15 * SECOND + 5 * SECOND + 4 * SECOND + 4 * SECOND);
    expect(fleet.workerMs(20 * SECOND)).toBe(20 * SECOND + 5 * SECOND + 4 * SECOND + 4 * SECOND);
  });

  test('a worker stopped while it holds a message: the message is interrupted, traced with the noun of the worker', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(30), scaleInProtection: false });
    const worker = fleet.live[0].id;
    const { messageId } = sim.send('Jobs', { body: 'm' });
    sim.advance(Duration.seconds(5));
    fleet.setDesired(0);
    expect(sim.events({ type: 'workers.stopped' }).map((e) => e.detail)).toEqual([{ worker, interrupted: [messageId] }]);
    expect(sim.events({ type: 'workers.interrupted' }).map((e) => [e.messageId, e.reason, e.detail])).toEqual([
      [messageId, 'the task was stopped while it held the message: it reappears after its visibility timeout', { worker }],
    ]);
    expect(fleet.totals.interrupted).toBe(1);
    expect(sim.queue('Jobs').counts).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });

  test('a desired count at or above the live workers stops nothing, and an equal one launches nothing', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 2 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(1) });
    fleet.setDesired(2);
    expect([fleet.live.length, fleet.totals.launched, fleet.totals.stopped]).toEqual([2, 2, 0]);
    fleet.setDesired(3);
    expect([fleet.live.length, fleet.totals.launched, fleet.totals.stopped, fleet.starting]).toEqual([3, 3, 0, 1]);
  });
});

describe('the worker loop', () => {
  test('receives up to messagesPerReceive at once and processes them one after the other, in each of its parallel loops', () => {
    // GIVEN one task with two loops taking up to 3 messages each, 10 s a message
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    const fleet = sim.workload.workers('Service', { processingTime: Duration.seconds(10), messagesPerReceive: 3, messagesInParallel: 2, scaleInProtection: false });
    // WHEN seven messages arrive
    for (let i = 0; i < 7; i++) sim.send('Jobs', { body: `m${i}` });
    sim.advance(Duration.seconds(45));
    // THEN the first loop takes 3, the second 3 (they were waiting in a long poll), then the first takes the last one
    expect(sim.events({ type: 'workers.processed' }).map((e) => e.time / SECOND)).toEqual([10, 10, 20, 20, 30, 30, 40]);
    expect(fleet.live[0].slots).toHaveLength(2);
    expect(fleet.totals.processed).toBe(7);
    expect(sim.queue('Jobs').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    // AND without scale-in protection the loop makes no protection call at all
    sim.advance(Duration.minutes(2));
    expect(sim.events({ type: ['workers.protected', 'workers.unprotected', 'workers.protectionRefused'] })).toEqual([]);
  });

  test('a loop whose long poll ends empty keeps the protection while another loop of its worker still holds a message', () => {
    // GIVEN one task with two loops, protecting itself, and one message taking 60 s
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    sim.workload.workers('Service', { processingTime: Duration.seconds(60), messagesInParallel: 2 });
    sim.send('Jobs', { body: 'long' });
    sim.advance(Duration.seconds(100));
    // THEN the idle loop's empty polls (at 20 s, 40 s) clear nothing; once the message is done (60 s) the next empty poll clears it
    expect(sim.events({ type: 'workers.protected' }).map((e) => e.time / SECOND)).toEqual([0]);
    expect(sim.events({ type: 'workers.unprotected' }).map((e) => e.time / SECOND)).toEqual([80]);
  });

  test('in a summary trace the loop counts what it starts and processes without records', () => {
    const run = (trace: 'full' | 'summary') => {
      const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }), { trace });
      sim.workload.workers('Service', { processingTime: Duration.seconds(2) });
      for (let i = 0; i < 3; i++) sim.send('Jobs', { body: `m${i}` });
      sim.advance(Duration.seconds(30));
      return sim.trace;
    };
    const summary = run('summary');
    expect([summary.count('workers.processingStarted'), summary.count('workers.processed'), summary.length]).toEqual([3, 3, 0]);
    const full = run('full');
    expect([full.count('workers.processingStarted'), full.count('workers.processed')]).toEqual([3, 3]);
    expect(full.filter({ type: 'workers.processingStarted' }).map((e) => e.detail?.receiveCount)).toEqual([1, 1, 1]);
  });

  test('a loop renews its protection when it is renewAfter old and still receiving; not before', () => {
    // GIVEN a task protecting itself for 10 minutes, renewed after 2, and work arriving every 30 s
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1 }));
    sim.workload.workers('Service', { processingTime: Duration.seconds(20), waitTime: Duration.seconds(20), scaleInProtection: { expiresAfter: Duration.minutes(10), renewAfter: Duration.minutes(2) } });
    for (let t = 0; t < 300; t += 30) {
      sim.send('Jobs', { body: `at ${t}` });
      sim.advance(Duration.seconds(30));
    }
    // THEN it protected itself at 0, and again at the first receive 2 minutes or more after, and so on
    expect(sim.events({ type: 'workers.protected' }).map((e) => e.time / SECOND)).toEqual([0, 120, 240]);
    expect(sim.events({ type: 'workers.unprotected' })).toEqual([]);
  });
});
