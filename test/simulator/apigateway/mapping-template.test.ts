import { MappingInput, UnsupportedTemplateError, javaUrlEncode, renderMappingTemplate } from '../../../lib/simulator/services/apigateway';

/** A request with a JSON body, a header, a query string, a path variable and an authorizer context. */
function input(body: string | null = '{"order":{"id":7,"lines":[{"sku":"a"},{"sku":"b"}]},"note":"x"}'): MappingInput {
  const headers = new Map([['x-tenant-id', 'acme']]);
  return {
    body,
    header: (n) => headers.get(n.toLowerCase()),
    queryValue: (n) => (n === 'page' ? '2' : undefined),
    headerValues: headers,
    query: { page: ['2'] },
    pathParameters: { id: '7' },
    context: { requestId: 'req-1', authorizer: { principalId: 'alice', tenant: 't-9', claims: { sub: 's-1', 'custom:tier': 'gold' } } },
    stageVariables: { table: 'orders-v1' },
  };
}

describe('mapping templates (the VTL subset)', () => {
  test('the AuthorizedApi queue template: form fields that SQS decodes back to the body and header', () => {
    const body = '{"text":"pen & ink + ünïcode %20 *!\'()~"}';
    const form = renderMappingTemplate('Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageAttribute.1.Value.StringValue=$util.urlEncode($input.params().header.get(\'X-Tenant-Id\'))', input(body));
    const decoded = new URLSearchParams(form);
    expect([decoded.get('Action'), decoded.get('MessageBody'), decoded.get('MessageAttribute.1.Value.StringValue')]).toEqual(['SendMessage', body, 'acme']);
  });

  test('$util.urlEncode is Java\'s URLEncoder: a space is +, * - _ . are kept, !\'()~ are encoded', () => {
    expect(javaUrlEncode('a b*-_.!\'()~é')).toBe('a+b*-_.%21%27%28%29%7E%C3%A9');
  });

  test('$input.path, $input.json and $input.params read the request; $context and $stageVariables their values', () => {
    const out = renderMappingTemplate([
      '$input.path(\'$.order.id\')', '$input.path("$.order.lines[1].sku")', '$input.json(\'$.order.lines[0]\')', '$input.path("$[\'note\']")',
      '$input.params(\'id\')', '$input.params(\'page\')', '$input.params(\'X-Tenant-Id\')', '$input.params().querystring.get(\'page\')', '$input.params().path.get(\'id\')',
      '$context.requestId', '$context.authorizer.principalId', '${context.authorizer.tenant}', '$context.authorizer.claims[\'custom:tier\']', '$context.authorizer.claims.sub', '$stageVariables.table',
    ].join('|'), input());
    expect(out.split('|')).toEqual(['7', 'b', '{"sku":"a"}', 'x', '7', '2', 'acme', '2', '7', 'req-1', 'alice', 't-9', 'gold', 's-1', 'orders-v1']);
  });

  test('a value that is not there renders empty; text that is not a reference stays as written', () => {
    expect(renderMappingTemplate('[$context.authorizer.missing][$!input.params(\'nope\')] costs $5 # not a directive', input(null))).toBe('[][] costs $5 # not a directive');
    expect(renderMappingTemplate('$util.escapeJavaScript($input.body)', input('say "hi"'))).toBe('say \\"hi\\"');
  });

  test('fails if the template uses a directive, another root or another call, naming what it met', () => {
    for (const [template, what] of [
      ['#set($x = 1)', /the directive "#set"/], ['#if($input.body)x#end', /the directive "#if"/], ['$request.body', /uses \$request.body/],
      ['$input.keys()', /calls keys\(\)/], ['$util.urlEncode($input.body', /an unclosed call/], ['$input.path(\'$..x\')', /JSONPath "\$..x"/],
    ] as const) {
      expect(() => renderMappingTemplate(template, input())).toThrow(UnsupportedTemplateError);
      expect(() => renderMappingTemplate(template, input())).toThrow(what);
    }
  });

  test('a $ or # at the very end, or before a character that starts no reference, is text', () => {
    for (const template of ['total #', 'price $', 'a $1 b', 'a #1 b', '$', '#', '$$', '# #']) {
      expect([template, renderMappingTemplate(template, input())]).toEqual([template, template]);
    }
  });

  test('$util.urlEncode of a value that is not there is empty, not "undefined"', () => {
    expect(renderMappingTemplate('a=$util.urlEncode($input.params(\'nope\'))&b=$util.urlEncode($context.authorizer.missing)', input())).toBe('a=&b=');
    expect(javaUrlEncode(undefined as unknown as string)).toBe('');
    expect(javaUrlEncode(null as unknown as string)).toBe('');
  });

  test('fails if the template uses a directive, naming it whole', () => {
    for (const [template, directive] of [['#foreach($x in $y)', '#foreach'], ['##comment', '##comment'], ['#*block*#', '#*block'], ['#{if}', '#{if']]) {
      expect(() => renderMappingTemplate(template, input())).toThrow(`the directive ${JSON.stringify(directive)}`);
    }
  });
});

