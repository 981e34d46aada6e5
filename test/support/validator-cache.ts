import * as os from 'os';
import * as path from 'path';

/**
 * Where cfn-lint's and AWS Control Tower's results over the example templates are kept, by the templates' content
 * and the tools' versions: test/examples/validators.test.ts and the catalog's build (test/catalog) synthesize the
 * same templates, so the one that runs first runs the tools and the other reads (lib/catalog/validators/result-cache.ts).
 */
export const VALIDATOR_CACHE = path.join(os.tmpdir(), 'decoupled-validator-cache');
