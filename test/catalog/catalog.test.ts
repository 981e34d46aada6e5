import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildCatalogApp } from '../../examples/catalog';
import { DEAD_LETTER_QUEUE_HAS_NO_REDRIVE, PATTERNS, TOPIC_FAN_OUT_PATTERN } from '../../lib';
import { CatalogModel, buildCatalog, loadScenarios, resourceLabel } from '../../lib/catalog';
import { runCli } from '../../lib/cli';
import { VALIDATOR_CACHE } from '../support/validator-cache';
import { closeChromium, launchChromium } from './browser';

/**
 * The catalog, built once for the file as `npm run catalog` builds it (one synthesis of the catalog app, the
 * validators, the diagrams, the scenarios), then opened page by page in headless Chromium. Screenshots of every
 * page are left in reports/catalog-screenshots for a person to look at. cfn-lint's and Control Tower's results are
 * shared with test/examples/validators.test.ts through a cache keyed by the templates' content (test/support/validator-cache.ts).
 */

const root = path.join(__dirname, '..', '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-catalog-site-'));
const assemblyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-catalog-app-'));
const screenshots = path.join(root, 'reports', 'catalog-screenshots');

/** The resource types whose boxes every diagram must show, labelled. */
const KEY_TYPES = ['AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::Lambda::Function', 'AWS::ApiGateway::RestApi', 'AWS::EC2::VPCEndpoint', 'AWS::ECS::Service'];

let model: CatalogModel;
const steps: string[] = [];

beforeAll(async () => {
  model = await buildCatalog({
    app: buildCatalogApp, outDir: out, assemblyDir, scenarios: loadScenarios(path.join(root, 'examples')),
    validatorCacheDir: VALIDATOR_CACHE, progress: (s) => steps.push(s),
  });
}, 600_000);

const pageFiles = () => ['index.html', 'choose.html', ...model.patterns.map((p) => p.page)];
const example = (stack: string) => model.examples.find((e) => e.stackName === stack)!;

describe('npm run catalog', () => {
  test('writes an index, the page that compares the patterns, and one page per registered pattern', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['.decoupled-catalog', 'authorized-api.html', 'choose.html', 'index.html', 'queue-consumer.html', 'queue-depth-scaling.html', 'topic-fan-out.html', 'vpc-function.html']);
    expect(model.patterns.map((p) => p.description)).toEqual(PATTERNS.map((p) => p.description));
  });

  test('finds each pattern in the construct trees of the catalog app, nested ones included', () => {
    expect(example('FanOutConsumerExample').instances).toEqual({ TopicFanOut: ['Orders'], QueueConsumer: ['Orders/fulfilment/Consumer'] });
    expect(model.patterns.find((p) => p.description.name === 'QueueConsumer')!.examples.map((e) => e.stackName)).toEqual(['QueueConsumerExample', 'FanOutConsumerExample']);
    expect(model.patterns.every((p) => p.examples.length > 0)).toBe(true);
  });

  test('shows progress while it builds', () => {
    expect(steps[0]).toBe('synthesizing the catalog app');
    expect(steps).toEqual(expect.arrayContaining(['cfn-lint over 7 templates', 'AWS Control Tower controls over 7 templates', '  scenario: Deliveries per subscriber']));
  });

  test('the fan-out page lists every default with why and source, every rule and every cost note of the description', () => {
    const html = fs.readFileSync(path.join(out, 'topic-fan-out.html'), 'utf8');
    for (const d of TOPIC_FAN_OUT_PATTERN.defaults) expect(html).toContain(`<code>${d.prop.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`);
    for (const r of TOPIC_FAN_OUT_PATTERN.rules) expect(html).toContain(`<code>${r.code}</code>`);
    for (const c of TOPIC_FAN_OUT_PATTERN.costs) expect(html).toContain(c.price.replace(/'/g, '&#39;'));
  });

  test('the validator matrix has the five nag packs, cfn-lint and Control Tower for every stack, and each acknowledgement with its reason', () => {
    for (const e of model.examples) {
      expect(e.validation.results.map((r) => r.validator)).toEqual([
        'cdk-nag AwsSolutions', 'cdk-nag Serverless', 'cdk-nag NIST.800.53.R5', 'cdk-nag HIPAA.Security', 'cdk-nag PCI.DSS.321', 'cfn-lint', 'AWS Control Tower', 'Decoupled rules (acknowledged warnings)',
      ]);
      // The examples pass every pack with no error (test/examples/validators.test.ts says the same).
      expect(e.validation.results.filter((r) => r.validator.startsWith('cdk-nag') && r.status === 'fail')).toEqual([]);
    }
    const serverless = example('TopicFanOutExample').validation.results.find((r) => r.validator === 'cdk-nag Serverless')!;
    expect(serverless.acknowledged).toContainEqual({ rule: 'Serverless-SQSRedrivePolicy', path: 'Orders/billing/DeadLetterQueue', reason: DEAD_LETTER_QUEUE_HAS_NO_REDRIVE.reason });
    // Control Tower's known failures (test/examples/control-tower-known-failures.ts) show as failures, by construct path.
    const controls = example('QueueConsumerExample').validation.results.find((r) => r.validator === 'AWS Control Tower')!;
    expect(controls.status).toBe('fail');
    expect(controls.issues.map((i) => i.where)).toContain('Payments/Function/Resource');
  });

  test('the fan-out\'s scenarios count what each subscriber got and what billing dead-lettered', () => {
    const [deliveries, deadLetters] = example('TopicFanOutExample').scenarios;
    // 600 events, the three types in turn: billing gets the placed third, audit everything.
    expect(deliveries.tables[0].rows.map((r) => r.slice(0, 2))).toEqual([['billing', 200], ['shipping', expect.any(Number)], ['audit', 600]]);
    expect(deliveries.plots.map((p) => p.title)).toEqual(['Messages waiting in each subscriber queue', 'Deliveries per subscriber']);
    // 72 events in two minutes, 24 placed; billing fails orders 0, 12, ... 60: 6 reach its dead-letter queue.
    expect(deadLetters.outcomes[0]).toBe('Billing processed 18 and dead-lettered 6; shipping processed ' + deadLetters.outcomes[0].match(/shipping processed (\d+)/)![1] + ', audit 72, with nothing dead-lettered.');
  });

  test('the consumer\'s scenario dead-letters exactly the unsettleable payments, and its concurrency stays under the cap', () => {
    const [burst] = example('QueueConsumerExample').scenarios;
    expect(burst.outcomes[0]).toBe('5000 messages: 4900 processed, 100 dead-lettered after 5 receives each, 125 s apart.');
    expect(burst.outcomes[1]).toMatch(/at most 50 at once \(the mapping's cap is 50\); 0 throttles/);
  });

  test('the VPC function\'s scenario reaches each granted service through its endpoint, and not the internet', () => {
    const [reach] = example('VpcFunctionExample').scenarios;
    expect(reach.outcomes).toEqual([
      '3 of 3 granted services reachable (Amazon SNS, AWS Systems Manager Parameter Store, AWS X-Ray); the internet: unreachable, stopped by its route.',
      'The function published its report through the SNS endpoint: 1 message on the topic (its calls: sns:Publish); 0 unreachable grants.',
    ]);
    expect(reach.tables[0].rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['Amazon SNS', 'reachable', 'subnet → security group → interface endpoint'],
      ['AWS Systems Manager Parameter Store', 'reachable', 'subnet → security group → interface endpoint'],
      ['AWS X-Ray', 'reachable', 'subnet → security group → interface endpoint'],
      ['the internet', 'unreachable', expect.stringMatching(/has no route to 0\.0\.0\.0\/0 \(no NAT gateway\)$/)],
    ]);
  });

  test('the scaling pattern\'s burst wakes a task from zero, goes to its cap of 20, drains, and goes back to zero, with the run drawn', () => {
    const [burst] = example('QueueDepthScalingExample').scenarios;
    // The deployed task is scaled in after 15 quiet minutes; the burst (from minute 20) wakes one by the
    // scale-from-zero step, the backlog policy takes the tasks to 20, and back to 0 once the queue stayed empty.
    const steps = burst.tables[0].rows.map((r) => `${r[1]} ${r[2]}`);
    expect(steps[0]).toBe('BacklogPerWorker 1 → 0');
    expect(steps[1]).toBe('ScaleFromZero 0 → 1');
    expect(steps).toContain('BacklogPerWorker 1 → 20');
    expect(steps[steps.length - 1]).toMatch(/^BacklogPerWorker \d+ → 0$/);
    expect(burst.outcomes[0]).toMatch(/^The first uploads woke a task at minute 2[0-3]; at most 20 tasks rendered at once;/);
    expect(burst.outcomes[1]).toMatch(/^1500 uploads, 1500 rendered, 0 interrupted by a scale-in, 0 rendered twice, 0 dead-lettered;/);
    // plotRun's three panels: messages, the oldest message's age (with the 120 s rule), the tasks
    expect(burst.plots[0].svg).toContain('<line aria-label="value: 120" role="graphics-symbol" aria-roledescription="rule mark"');
    expect(burst.plots[0].svg.match(/aria-label="Y-axis titled '[a-z]+'/g)).toEqual(['messages', 'seconds', 'workers'].map((t) => `aria-label="Y-axis titled '${t}'`));
  });

  test('the scaling pattern\'s scale-in interrupts no image when the tasks protect themselves, and some when they do not', () => {
    const [, protection] = example('QueueDepthScalingExample').scenarios;
    const [isProtected, unprotected] = protection.tables[0].rows;
    expect(isProtected).toEqual(['protected (the pattern\'s worker loop)', expect.any(Number), 3400, 0]);
    expect(unprotected.slice(0, 1).concat(unprotected.slice(2, 3))).toEqual(['not protected', 3400]);
    expect(unprotected[3]).toBeGreaterThan(0);
    expect(isProtected[1]).toBeGreaterThan(0);
  });

  test('the API\'s cache pitfall: a policy for event.methodArn denies what the example\'s stage-wide policy allows, with the same invocations', () => {
    const [pitfall] = example('AuthorizedApiExample').scenarios;
    // 72 requests, one every 10 s; a cached answer lives 300 s: invoked at 0, 300 and 600 s, cached for the 69 others.
    // Only the request each answer was made for passes the methodArn policy.
    expect(pitfall.tables[0].rows).toEqual([
      ['for event.methodArn only', 3, 69, 3, 69],
      ['stage-wide (the example)', 72, 0, 3, 69],
    ]);
    expect(pitfall.plots.map((p) => p.title)).toEqual(['Requests allowed over time', 'Authorizer invocations, cache hits and denials']);
  });

  test('the API lets alice in, sends her POST to the queue with its tenant, and keeps the others out before the authorizer where it can', () => {
    const [, whoGetsIn] = example('AuthorizedApiExample').scenarios;
    expect(whoGetsIn.tables[0].rows.map((r) => r.slice(0, 4))).toEqual([
      ['POST /orders', 'alice', 'invoked', 202],
      ['GET /orders/42', 'alice', 'cached answer', 200],
      ['GET /orders/42', 'mallory (an unknown token)', 'invoked', 401],
      ['POST /orders', 'no token', 'not called', 401],
      ['GET /health', 'no token', 'not called', 200],
      ['DELETE /orders/42', 'alice', 'not called', 403],
    ]);
    expect(whoGetsIn.outcomes[0]).toBe('The queue holds 1 message: {"item":"pen","quantity":3}, with the attribute X-Tenant-Id = acme; no function ran for it.');
  });

  test('the API throttles at the stage\'s 100 a second after a burst of 200, and /health at its own 10 after 20', () => {
    const [, , throttling] = example('AuthorizedApiExample').scenarios;
    // 50 tenths of a second, from full buckets: 200 + 100 × 4.9 orders pass, 20 + 10 × 4.9 health checks.
    expect(throttling.tables[0].rows).toEqual([['POST /orders', 1500, 690, 810], ['GET /health', 100, 69, 31]]);
    expect(throttling.outcomes[0]).toBe('POST /orders: 690 accepted (202), 810 throttled (429) of 1500; the queue received 690 of them.');
  });

  test('a stack no scenario plays says so on its page', () => {
    expect(example('TopicFanOutFifoExample').scenarios).toEqual([]);
    const html = fs.readFileSync(path.join(out, 'topic-fan-out.html'), 'utf8');
    const fifo = html.slice(html.indexOf('<section class="example" id="TopicFanOutFifoExample">'));
    expect(fifo.slice(0, fifo.indexOf('</section>'))).toContain('No scenario plays this stack yet');
    // A stack with scenarios does not say it
    for (const page of ['queue-depth-scaling.html', 'authorized-api.html']) expect(fs.readFileSync(path.join(out, page), 'utf8')).not.toContain('No scenario plays this stack yet');
  });

  test('`decoupled check` on the catalog app (what `npx cdk synth` writes to cdk.out) finds nothing, and exits 0', async () => {
    const stdout: string[] = [];
    const code = await runCli(['check', assemblyDir], { stdout: { write: (t: string) => stdout.push(t) }, stderr: { write: () => true }, cwd: root });
    expect(code).toBe(0);
    expect(stdout.join('')).toContain('0 errors, 0 warnings in 0 of 7 stacks.');
  });
});

describe('the catalog in headless Chromium', () => {
  let browser: BrowserContext;
  beforeAll(async () => {
    browser = await launchChromium();
    fs.rmSync(screenshots, { recursive: true, force: true });
    fs.mkdirSync(screenshots, { recursive: true });
  }, 60_000);
  afterAll(async () => browser && closeChromium(browser));

  /** Opens a page from disk, recording console errors, page errors and any request that is not a file. */
  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) problems.push(`request to ${r.url()}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    await page.goto(`file://${path.join(out, file)}`, { waitUntil: 'load' });
    return { page, problems };
  }

  test('every page opens from disk with no console error, no request off disk, no broken link or image, and is screenshot', async () => {
    for (const file of pageFiles()) {
      const { page, problems } = await open(file);
      const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
      for (const href of links) {
        const [target, anchor] = href.split('#');
        const targetFile = target === '' ? file : target;
        expect(`${file} -> ${href}: ${fs.existsSync(path.join(out, targetFile)) ? 'exists' : 'missing'}`).toBe(`${file} -> ${href}: exists`);
        if (anchor) expect(`${file} -> ${href}: ${fs.readFileSync(path.join(out, targetFile), 'utf8').includes(`id="${anchor}"`) ? 'anchor found' : 'no anchor'}`).toBe(`${file} -> ${href}: anchor found`);
      }
      const brokenImages = await page.$$eval('img', (imgs) => imgs.filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src));
      expect(brokenImages).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, file.replace(/\.html$/, '.png')), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
    }
    expect(fs.readdirSync(screenshots)).toHaveLength(pageFiles().length);
  }, 120_000);

  test('each diagram shows the labels of its key resources, laid out where they can be seen', async () => {
    for (const p of model.patterns) {
      const { page } = await open(p.page);
      for (const e of p.examples) {
        const template = JSON.parse(fs.readFileSync(e.templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };
        const expected = Object.entries(template.Resources).filter(([, r]) => KEY_TYPES.includes(r.Type)).map(([id]) => resourceLabel(template, id));
        const shown = await page.locator(`section[id="${e.stackName}"] svg.diagram text.label`).evaluateAll((texts) =>
          texts.filter((t) => (t as unknown as { getBBox(): { width: number } }).getBBox().width > 0).map((t) => t.textContent));
        expect(expected.length).toBeGreaterThan(0);
        expect(shown).toEqual(expect.arrayContaining(expected));
      }
      await page.close();
    }
    // Named, for one stack: the fan-out's topic and each subscriber's queue and dead-letter queue.
    const { page } = await open('topic-fan-out.html');
    const labels = await page.locator('section[id="TopicFanOutExample"] svg.diagram text.label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Orders/Topic', 'Orders/billing/Queue', 'Orders/billing/DeadLetterQueue', 'Orders/audit/SubscriptionDeadLetterQueue']));
    await page.close();
  }, 120_000);

  test('each plot is drawn with both axes and their titles', async () => {
    let plots = 0;
    for (const p of model.patterns) {
      const { page } = await open(p.page);
      const figures = await page.locator('figure.plot').evaluateAll((fs) => fs.map((f) => ({
        title: f.getAttribute('data-title'),
        // Each axis once: a grid is drawn as an axis too, with no label
        axes: [...f.querySelectorAll('g.role-axis')].map((a) => a.getAttribute('aria-label')?.slice(0, 7)).filter(Boolean),
        axisTitles: [...f.querySelectorAll('g.role-axis-title text')].map((t) => t.textContent).filter(Boolean).length,
        height: f.querySelector('svg')!.getBoundingClientRect().height,
      })));
      for (const f of figures) {
        // Every axis titled (plotRun's panels have an x and a y axis each)
        expect({ title: f.title, axes: f.axes, axisTitles: f.axisTitles }).toEqual({ title: f.title, axes: expect.arrayContaining(['X-axis ', 'Y-axis ']), axisTitles: f.axes.length });
        expect(f.height).toBeGreaterThan(100);
      }
      plots += figures.length;
      await page.close();
    }
    // Every plot of every scenario, on each page its stack appears on (the fan-out consumer's on two).
    expect(plots).toBe(model.patterns.flatMap((p) => p.examples).flatMap((e) => e.scenarios).flatMap((s) => s.plots).length);
    expect(plots).toBeGreaterThanOrEqual(12);
  }, 120_000);
});
