import * as path from 'path';
import { closeChromium, launchChromium } from '../test/catalog/browser';

/**
 * The README's picture of the catalog: the VpcFunction page from its title to its example's diagram (the one
 * diagram of the catalog narrower than the page), as headless Chromium shows it at 1280 px. Run after
 * `npm run catalog`: `npx ts-node --transpile-only scripts/catalog-screenshot.ts [catalog dir]`; it writes
 * docs/images/catalog-vpc-function.png.
 */
async function main(): Promise<void> {
  const site = path.resolve(process.argv[2] ?? 'catalog');
  const out = path.join(__dirname, '..', 'docs', 'images', 'catalog-vpc-function.png');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`file://${path.join(site, 'vpc-function.html')}`, { waitUntil: 'load' });
    const figure = await page.locator('section[id="VpcFunctionExample"] figure').first().boundingBox();
    if (!figure) throw new Error(`No diagram of VpcFunctionExample in ${site}/vpc-function.html: run npm run catalog first.`);
    await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(figure.y + figure.height + 16) } });
    process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
  } finally {
    await closeChromium(browser);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
