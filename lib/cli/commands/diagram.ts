import * as fs from 'fs';
import * as path from 'path';
import { drawTemplate } from '../../catalog/diagram/draw';
import { DiagramTemplate } from '../../catalog/diagram/template-graph';
import { assemblyStacks } from '../assembly';
import { Command, EXIT, UsageError } from '../command';

/** `decoupled diagram`: the catalog's diagram of one of the user's stacks, or of a template file. */
export const DIAGRAM_COMMAND: Command = {
  name: 'diagram',
  summary: 'draw a stack of a synthesized app, or a template file, as an SVG diagram',
  usage: 'decoupled diagram <stack name or template.json> [--app cdk.out] [--out file.svg]',
  help: `Draws the resources of a CloudFormation template and how they connect (subscriptions, redrive,
event source mappings, IAM grants, security group rules to VPC endpoints, API integrations, alarms), laid out
by ELK (the optional peer elkjs: npm install --save-dev elkjs). Resources are labelled by construct path when
the template has path metadata (cdk synth writes it), by logical id otherwise.

Options:
  --app <dir>   the synthesized app to find the stack in (default ./cdk.out)
  --out <file>  write the SVG there (default: standard output)

Example: npx decoupled diagram OrdersStack --out orders.svg`,
  options: { app: { type: 'string' }, out: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const [target] = args.positionals;
    const { template, title, stackPath } = readTemplate(target, path.resolve(io.cwd, String(args.values.app ?? 'cdk.out')), io.cwd);
    io.stderr.write(`laying out ${title}...\n`);
    const svg = await drawTemplate(template, title, { stackPath });
    if (typeof args.values.out === 'string') {
      const out = path.resolve(io.cwd, args.values.out);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, svg);
      io.stderr.write(`wrote ${path.relative(io.cwd, out)}\n`);
    } else io.stdout.write(svg);
    return EXIT.ok;
  },
};

function readTemplate(target: string, appDirectory: string, cwd: string): { template: DiagramTemplate; title: string; stackPath?: string } {
  const file = path.resolve(cwd, target);
  if (/\.(json|template)$/.test(target) || (fs.existsSync(file) && fs.statSync(file).isFile())) {
    if (!fs.existsSync(file)) throw new UsageError(`No template file ${target}. Give a stack name of the app in ${path.relative(cwd, appDirectory) || '.'}, or the path of a template (.json).`);
    return { template: JSON.parse(fs.readFileSync(file, 'utf8')) as DiagramTemplate, title: path.basename(file) };
  }
  const stacks = assemblyStacks(appDirectory);
  const stack = stacks.find((s) => s.stackName === target || s.id === target);
  if (!stack) throw new UsageError(`No stack ${target} in ${path.relative(cwd, appDirectory) || '.'}. Its stacks: ${stacks.map((s) => s.id).join(', ') || 'none'}.`);
  return { template: stack.template as DiagramTemplate, title: stack.id, stackPath: stack.id };
}
