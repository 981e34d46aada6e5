import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';

// Loading a function's own code (code.ts) as `sim.onInvoke(fn, 'inline')` does: every refusal whole, and each place
// a local asset may be found.

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }>;

/** One function (FunctionName `worker`) with these properties and metadata; no event source. */
function template(properties: Record<string, unknown>, metadata?: Record<string, unknown>): { Resources: Resources } {
  return {
    Resources: {
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: { FunctionName: 'worker', Handler: 'index.handler', Runtime: 'nodejs20.x', Timeout: 5, ...properties },
        ...(metadata ? { Metadata: metadata } : {}),
      },
    },
  };
}

/** A cloud assembly folder with `files` (relative path → source). */
function assembly(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-own-code-'));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

/** Invokes the function once asynchronously and returns what its failure said (the code reports through errors). */
async function failureOf(sim: Simulation): Promise<string | undefined> {
  sim.invokeAsync('Worker', { n: 1 });
  await sim.advance(Duration.seconds(1));
  return sim.events({ type: 'lambda.failed' })[0]?.reason;
}

const REPORT = 'exports.handler = async (event) => { throw new Error("ran with " + JSON.stringify(event)); };';

describe('loading the function\'s own code', () => {
  test('fails if the function has no Handler property', () => {
    // GIVEN a function whose template gives no Handler
    const t = template({ Code: { ZipFile: REPORT } });
    delete t.Resources.Worker.Properties.Handler;
    const sim = Simulation.fromTemplate(t as never);
    // WHEN its own code is asked for THEN it is refused, naming the function
    expect(() => sim.onInvoke('Worker', 'inline')).toThrow(new Error('Worker has no Handler property, so its own code cannot be run'));
  });

  test('fails if the runtime is not Node.js, naming it', () => {
    const sim = Simulation.fromTemplate(template({ Runtime: 'python3.12', Code: { ZipFile: 'def handler(e, c): pass' } }) as never);
    expect(() => sim.onInvoke('Worker', 'inline')).toThrow(new Error('Worker runs python3.12; only Node.js functions can run in-process'));
  });

  test('a function without Runtime (an image, or omitted) is tried as Node.js', async () => {
    // GIVEN inline code and no Runtime property
    const t = template({ Code: { ZipFile: REPORT } });
    delete t.Resources.Worker.Properties.Runtime;
    const sim = Simulation.fromTemplate(t as never);
    // WHEN it runs THEN its code ran with the event
    sim.onInvoke('Worker', 'inline');
    expect(await failureOf(sim)).toBe('ran with {"n":1}');
  });

  test('inline code is the module index.js in a folder named after the function, and runs as soon as it is invoked', () => {
    // GIVEN inline code that reports its module names
    const sim = Simulation.fromTemplate(template({ Code: { ZipFile: 'exports.handler = () => { throw new Error(__filename + " in " + __dirname); };' } }) as never);
    sim.onInvoke('Worker', 'inline');
    // WHEN invoked asynchronously (nothing advanced)
    sim.invokeAsync('Worker', {});
    // THEN it has already run, as index.js of Worker/
    expect(sim.events({ type: 'lambda.invoked' }).map((e) => e.time)).toEqual([0]);
    sim.advance(Duration.millis(1));
    expect(sim.events({ type: 'lambda.failed' }).map((e) => e.reason)).toEqual(['Worker/index.js in Worker']);
  });

  test('a handler whose module sits in a folder: the file before the last dot, the export after it', async () => {
    const dir = assembly({ 'asset.h1/src/app.v2.js': 'exports.main = async (e) => { throw new Error("app.main " + e.n); };' });
    const sim = Simulation.fromTemplate(template({ Handler: 'src/app.v2.main', Code: { S3Bucket: 'b', S3Key: 'h1.zip' } }) as never, { assetDirectory: dir });
    sim.onInvoke('Worker', 'inline');
    expect(await failureOf(sim)).toBe('app.main 1');
  });

  test('a module is found as .cjs, and as a folder with index.js', async () => {
    // GIVEN one asset with only `handler.cjs`, another with only `handler/index.js`
    const dir = assembly({
      'asset.cjs1/handler.cjs': 'exports.run = async () => { throw new Error("from cjs"); };',
      'asset.dir1/handler/index.js': 'exports.run = async () => { throw new Error("from index.js"); };',
    });
    for (const [key, expected] of [['cjs1.zip', 'from cjs'], ['dir1.zip', 'from index.js']]) {
      const sim = Simulation.fromTemplate(template({ Handler: 'handler.run', Code: { S3Bucket: 'b', S3Key: key } }) as never, { assetDirectory: dir });
      sim.onInvoke('Worker', 'inline');
      expect(await failureOf(sim)).toBe(expected);
    }
  });

  test('fails if the asset folder holds no module for the handler, naming what was looked for and where', () => {
    const dir = assembly({ 'asset.empty1/other.js': 'exports.x = 1;' });
    const sim = Simulation.fromTemplate(template({ Code: { S3Bucket: 'b', S3Key: 'empty1.zip' } }) as never, { assetDirectory: dir });
    expect(() => sim.onInvoke('Worker', 'inline')).toThrow(new Error(`Worker: no index.js, .cjs or /index.js in ${path.join(dir, 'asset.empty1')} for the handler index.handler`));
  });

  test('fails if the simulation does not know the cloud assembly folder, saying how to give it', () => {
    const sim = Simulation.fromTemplate(template({ Code: { S3Bucket: 'b', S3Key: 'abc.zip' } }) as never);
    expect(() => sim.onInvoke('Worker', 'inline')).toThrow(new Error(
      'Worker\'s code is an asset, and the simulation does not know the cloud assembly folder: build it with Simulation.fromStack or fromAssembly, or pass assetDirectory',
    ));
  });

  test('the aws:asset:path metadata names the folder, relative to the assembly or absolute; it is tried before the S3 key', async () => {
    // GIVEN the folder the metadata names and another named after the S3 key
    const dir = assembly({
      'staged/index.js': 'exports.handler = async () => { throw new Error("from the metadata path"); };',
      'asset.key1/index.js': 'exports.handler = async () => { throw new Error("from the S3 key"); };',
    });
    const relative = Simulation.fromTemplate(template({ Code: { S3Bucket: 'b', S3Key: 'key1.zip' } }, { 'aws:asset:path': 'staged' }) as never, { assetDirectory: dir });
    relative.onInvoke('Worker', 'inline');
    expect(await failureOf(relative)).toBe('from the metadata path');
    // AND an absolute path is used as it is, whatever the assembly folder; no S3 key is needed
    const absolute = Simulation.fromTemplate(template({ Code: {} }, { 'aws:asset:path': path.join(dir, 'staged') }) as never, { assetDirectory: os.tmpdir() });
    absolute.onInvoke('Worker', 'inline');
    expect(await failureOf(absolute)).toBe('from the metadata path');
    expect(absolute.lambdaFunction('Worker').settings.code).toEqual({ kind: 'asset', s3Key: undefined, assetPath: path.join(dir, 'staged') });
  });

  test('fails if neither the metadata path nor the S3 key names a folder, listing both', () => {
    const dir = assembly({ 'asset.file1': 'not a folder' });
    const sim = Simulation.fromTemplate(template({ Code: { S3Bucket: 'b', S3Key: 'file1.zip' } }, { 'aws:asset:path': 'gone' }) as never, { assetDirectory: dir });
    expect(() => sim.onInvoke('Worker', 'inline')).toThrow(new Error(`Worker: its asset (gone or asset.file1) is not a folder in ${dir}`));
  });

  test('an assetDirectory given to onInvoke wins over the simulation\'s', async () => {
    const dir = assembly({ 'asset.own1/index.js': 'exports.handler = async () => { throw new Error("found"); };' });
    const sim = Simulation.fromTemplate(template({ Code: { S3Bucket: 'b', S3Key: 'own1.zip' } }) as never, { assetDirectory: os.tmpdir() });
    sim.onInvoke('Worker', 'inline', { assetDirectory: dir });
    expect(await failureOf(sim)).toBe('found');
  });

  test('the code sees Lambda\'s variables and the template\'s, numbers and objects as JSON, and they are gone after', async () => {
    // GIVEN a function with 256 MB and variables of several types; one of them is set in this process already
    process.env.SIM_PRESET = 'outside';
    const code = `exports.handler = async () => { throw new Error(JSON.stringify({
      region: process.env.AWS_REGION, defaultRegion: process.env.AWS_DEFAULT_REGION, name: process.env.AWS_LAMBDA_FUNCTION_NAME,
      version: process.env.AWS_LAMBDA_FUNCTION_VERSION, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      count: process.env.COUNT, obj: process.env.OBJ, preset: process.env.SIM_PRESET })); };`;
    const sim = Simulation.fromTemplate(template({
      MemorySize: 256, Code: { ZipFile: code }, Environment: { Variables: { COUNT: 3, OBJ: { a: 1 }, SIM_PRESET: 'inside' } },
    }) as never);
    sim.onInvoke('Worker', 'inline');
    // WHEN it runs THEN it saw every variable as a string
    expect(JSON.parse((await failureOf(sim))!)).toEqual({
      region: 'us-east-1', defaultRegion: 'us-east-1', name: 'worker', version: '$LATEST', memory: '256', count: '3', obj: '{"a":1}', preset: 'inside',
    });
    // AND the process has its own values back: the one it had, none for the others
    expect([process.env.SIM_PRESET, process.env.COUNT, process.env.AWS_LAMBDA_FUNCTION_NAME]).toEqual(['outside', undefined, undefined]);
    delete process.env.SIM_PRESET;
  });

  test('a handler that answers or throws at once also gives the process its environment back', () => {
    // GIVEN inline code that returns or throws the variable it sees, without a Promise
    const code = 'exports.handler = (e) => { if (e.fail) throw new Error("saw " + process.env.SIM_MODE); return "saw " + process.env.SIM_MODE; };';
    const sim = Simulation.fromTemplate(template({ Code: { ZipFile: code }, Environment: { Variables: { SIM_MODE: 'inside' } } }) as never);
    sim.onInvoke('Worker', 'inline');
    const call = (payload: object) => {
      const r = sim.world.calls.call({ kind: 'role', roleArn: undefined, roleKind: 'execution role' }, 'lambda:InvokeFunction', 'worker', { invocationType: 'RequestResponse', payload });
      sim.advance(Duration.millis(1));
      return [r.ok ? r.output.response : r.reason, process.env.SIM_MODE];
    };
    // THEN each run saw its variable, and none is left set after it
    expect(call({})).toEqual([{ kind: 'returned', durationMs: 1, payload: 'saw inside' }, undefined]);
    expect(call({ fail: true })).toEqual([{ kind: 'failed', timedOut: false, durationMs: 1, error: { errorType: 'Error', errorMessage: 'saw inside' } }, undefined]);
  });

  test('a variable holding a deploy-time value is unresolved: by its description, or as text when it sits inside a list', () => {
    // GIVEN a Join around an import, and a list holding an import
    const sim = Simulation.fromTemplate(template({
      Code: { ZipFile: REPORT },
      Environment: { Variables: { URL: { 'Fn::Join': ['', ['https://', { 'Fn::ImportValue': 'Host' }, '/x']] }, LIST: [{ 'Fn::ImportValue': 'Ids' }], PLAIN: 'p' } },
    }) as never);
    // THEN neither reaches the environment, and each is described
    const settings = sim.lambdaFunction('Worker').settings;
    expect(settings.environment).toEqual({ PLAIN: 'p' });
    expect(settings.unresolvedEnvironment).toEqual({ URL: 'Fn::Join containing Fn::ImportValue "Host"', LIST: '<unresolved Fn::ImportValue "Ids">' });
  });
});

describe('sim.onInvoke', () => {
  test('fails if the handler is neither a function nor \'inline\', showing what it got', () => {
    const sim = Simulation.fromTemplate(template({ Code: { ZipFile: REPORT } }) as never);
    expect(() => sim.onInvoke('Worker', 'own' as never)).toThrow(new Error('onInvoke(Worker, …) takes a handler function or \'inline\', not "own"'));
    expect(() => sim.onInvoke('Worker', { handler: 1 } as never)).toThrow(new Error('onInvoke(Worker, …) takes a handler function or \'inline\', not {"handler":1}'));
  });

  test('fails if invokeAsync is refused, with Lambda\'s reason: a payload over 1 MB', () => {
    // GIVEN a payload whose JSON is 1 MB exactly, and one a byte longer (the quotes count)
    const sim = Simulation.fromTemplate(template({ Code: { ZipFile: REPORT } }) as never);
    sim.onInvoke('Worker', () => undefined);
    expect(typeof sim.invokeAsync('Worker', 'x'.repeat(1_048_576 - 2))).toBe('string');
    expect(() => sim.invokeAsync('Worker', 'x'.repeat(1_048_576 - 1))).toThrow(new Error(
      'Invoke (Event) of Worker refused: the payload is 1048577 bytes; an asynchronous invocation takes at most 1048576',
    ));
    // AND the refusal is in the trace, with nothing queued for it
    expect(sim.events({ resource: 'Worker' }).filter((e) => e.type.startsWith('lambda.async')).map(({ type, reason }) => ({ type, reason }))).toEqual([
      { type: 'lambda.asyncQueued', reason: undefined },
      { type: 'lambda.asyncRejected', reason: 'the payload is 1048577 bytes; an asynchronous invocation takes at most 1048576' },
    ]);
  });

  test('an undefined payload is accepted (no JSON at all is 0 bytes) and reaches the handler', async () => {
    const sim = Simulation.fromTemplate(template({ Code: { ZipFile: REPORT } }) as never);
    const seen: unknown[] = [];
    sim.onInvoke('Worker', (e: unknown) => {
      seen.push(e);
    });
    sim.invokeAsync('Worker', undefined);
    await sim.advance(Duration.seconds(1));
    expect(seen).toEqual([undefined]);
  });
});
