import { MappingInput, UnsupportedTemplateError, renderMappingTemplate } from '../../../lib/simulator/services/apigateway';

/** A request whose path, query string and header all have `id` (to show which wins), and a context with a list. */
function request(body: string | null = '{"a":{"b-c":[10,true,null]},"n":1.5,"s":"x"}', pathParameters: Record<string, string> | null = { id: 'from-path' }): MappingInput {
  const headers = new Map([['id', 'from-header'], ['only-header', 'h']]);
  const query: Record<string, string[]> = { id: ['from-query'], q: ['1', '2'] };
  return {
    body,
    header: (n) => headers.get(n.toLowerCase()),
    queryValue: (n) => query[n]?.[query[n].length - 1],
    headerValues: headers,
    query,
    pathParameters,
    context: { stage: 'prod', list: ['zero', 'one'], flag: false, count: 0, nothing: null },
    stageVariables: { v: 'sv' },
  };
}

const render = (template: string, input: MappingInput = request()) => renderMappingTemplate(template, input);

/** The whole error a template fails with. */
function failure(template: string): string {
  try {
    render(template);
  } catch (e) {
    expect(e).toBeInstanceOf(UnsupportedTemplateError);
    expect((e as Error).name).toBe('UnsupportedTemplateError');
    return (e as Error).message;
  }
  throw new Error(`${template} rendered`);
}

const parseError = (what: string, at: number, template: string) => `the mapping template uses ${what}, which the simulator does not evaluate (at character ${at} of ${JSON.stringify(template)})`;

describe('the mapping template language, value by value', () => {
  test('numbers and booleans render as text, objects and lists as JSON, null and undefined as nothing', () => {
    expect(render('$input.path(\'$.n\')|$input.path(\'$.a.b-c[1]\')|$context.flag|$context.count|$input.path(\'$.a\')|$context.list|$context.nothing|$input.path(\'$.a.b-c[2]\')'))
      .toBe('1.5|true|false|0|{"b-c":[10,true,null]}|["zero","one"]||');
  });

  test('$input.params(name) reads the path first, then the query string, then a header', () => {
    expect(render('$input.params(\'id\')')).toBe('from-path');
    expect(render('$input.params(\'id\')', request(undefined, null))).toBe('from-query');
    expect(render('$input.params(\'only-header\')|$input.params().querystring.get(\'q\')|$input.params().path.get(\'id\')', request(undefined, null))).toBe('h|2|');
  });

  test('$input.body, $input.json and $input.path without a body, and with a body that is not JSON', () => {
    expect(render('[$input.body][$input.json(\'$\')][$input.json(\'$.x\')][$input.path(\'$.x\')]', request(null))).toBe('[][{}][null][]');
    expect(render('[$input.body][$input.json(\'$\')][$input.path(\'$\')]', request('not json'))).toBe('[not json][null][]');
    expect(render('$input.json(\'$.a\')')).toBe('{"b-c":[10,true,null]}');
  });

  test('JSONPath: names with hyphens, [n], [\'name\'] and ["name"]; a step into a value that is not an object is nothing', () => {
    expect(render('$input.path("$[\'a\'][\'b-c\'][0]")|$input.path(\'$["s"]\')|$input.path(\'$.s.length\')|$input.path(\'$.s[0]\')|$input.path(\'$.a.b-c[2].x\')')).toBe('10|x|||');
  });

  test('fails if a JSONPath does not start with $ or uses more than .name, [n] and [\'name\']', () => {
    expect(failure('$input.path(\'a.b\')')).toBe('the JSONPath "a.b" does not start with $');
    expect(failure('$input.json(\'$.a[*]\')')).toBe('the JSONPath "$.a[*]" uses more than .name, [n] and [\'name\'], which the simulator does not evaluate');
  });

  test('a member of a text, a number or a missing value is nothing', () => {
    expect(render('[$context.stage.length][$context.count.x][$context.missing.deeper][$context.nothing.x]')).toBe('[][][][]');
  });

  test('indexes: a number into a list, a string into an object; a negative or absent index is nothing', () => {
    expect(render('$context.list[1]|$context[\'stage\']|$context["stage"]|$context.list[-1]|$context.list[5]|$stageVariables[\'v\']')).toBe('one|prod|prod|||sv');
  });

  test('a reference ends where no step follows: a dot before a non-letter, or ( after an index, is text', () => {
    expect(render('$context.stage.|$context.stage.1|$context[\'stage\'](x)|$context.stage;')).toBe('prod.|prod.1|prod(x)|prod;');
  });

  test('quiet and formal references: $!name and ${name} and $!{name}', () => {
    expect(render('a${context.stage}b$!{context.stage}c$!context.stage$!context.missing')).toBe('aprodbprodcprod');
  });

  test('call arguments: spaces and commas between them, a reference as an argument, numbers', () => {
    expect(render('$util.urlEncode( $context.stage )|$util.base64Encode(  \'hi\' , \'ignored\')|$util.urlEncode(-12)|$util.urlEncode(7)')).toBe('prod|aGk=|-12|7');
  });

  test('$util: urlDecode, escapeJavaScript, base64Encode/Decode, parseJson; a missing value is empty', () => {
    expect(render('$util.urlDecode(\'a+b%20c%2B\')|$util.escapeJavaScript("it\'s")|$util.escapeJavaScript(\'say "x"\')|$util.base64Encode(\'héllo\')|$util.base64Decode(\'aMOpbGxv\')|$util.parseJson(\'{"k":{"z":7}}\').k.z'))
      .toBe('a b c+|it\\\'s|say \\"x\\"|aMOpbGxv|héllo|7');
    expect(render('[$util.urlDecode($context.missing)][$util.escapeJavaScript($context.missing)][$util.base64Encode($context.missing)][$util.base64Decode($context.missing)]')).toBe('[][][][]');
  });

  test('fails if a reference has no name, naming the character', () => {
    expect(failure('x $!1')).toBe(parseError('a reference without a name', 4, 'x $!1'));
    expect(failure('${1}')).toBe(parseError('a reference without a name', 2, '${1}'));
  });

  test('fails if an index is not closed, not a literal, or a formal reference is not closed', () => {
    expect(failure('$context[\'stage\'x]')).toBe(parseError('an index that is not a string or a number', 16, '$context[\'stage\'x]'));
    expect(failure('$context[stage]')).toBe(parseError('the argument "stage]"', 9, '$context[stage]'));
    expect(failure('${context.stage')).toBe(parseError('an unclosed ${…} reference', 15, '${context.stage'));
    expect(failure('$input.params(\'id)')).toBe(parseError('an unclosed string', 14, '$input.params(\'id)'));
    expect(failure('$util.urlEncode(\'a\'')).toBe(parseError('an unclosed call', 19, '$util.urlEncode(\'a\''));
  });

  test('fails if a root is called, naming it', () => {
    expect(failure('$input(1)')).toBe(parseError('a call of $input', 6, '$input(1)'));
  });

  test('fails if a root is not one the simulator evaluates, or a call is not one of its objects\' methods', () => {
    expect(failure('$request.body')).toBe('the mapping template uses $request.body, which the simulator does not evaluate ($input, $context, $stageVariables and $util are)');
    expect(failure('$context.toString()')).toBe('the mapping template calls toString() in $context.toString(), which the simulator does not evaluate');
    expect(failure('$input.nope()')).toBe('the mapping template calls nope() in $input.nope(), which the simulator does not evaluate');
    expect(failure('$context.stage.trim()')).toBe('the mapping template calls trim() in $context.stage.trim(), which the simulator does not evaluate');
  });

  test('fails with the first 200 characters of a long template', () => {
    const template = `${'x'.repeat(250)}#set($a = 1)`;
    expect(failure(template)).toBe(`the mapping template uses the directive "#set", which the simulator does not evaluate (at character 250 of ${JSON.stringify(`${'x'.repeat(200)}…`)})`);
    const exactly = `${'y'.repeat(196)}#set`;
    expect(failure(exactly)).toBe(parseError('the directive "#set"', 196, exactly));
  });

  test('a template is parsed once: the same text renders each request\'s values', () => {
    expect([render('$input.params(\'id\')'), render('$input.params(\'id\')', request(undefined, { id: 'other' }))]).toEqual(['from-path', 'other']);
  });
});
