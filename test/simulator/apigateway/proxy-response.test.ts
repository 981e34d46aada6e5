import { readProxyResponse } from '../../../lib/simulator/services/apigateway/proxy-response';

// What API Gateway makes of a Lambda proxy response (payload format 1.0): the answer it sends on, or the whole
// reason it answers 502 instead (the reason is in the apigateway.rejected trace entry).

describe('reading a Lambda proxy response', () => {
  test('GIVEN statusCode, headers, multiValueHeaders and body THEN they are sent on, the header lists joined after the single value', () => {
    expect(readProxyResponse({
      statusCode: 201, headers: { Location: '/items/1', 'Set-Cookie': 'z=0', 'X-Count': 3 }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'X-List': [1, true] },
      body: '{"ok":true}', isBase64Encoded: false,
    })).toEqual({
      status: 201, headers: { 'Location': '/items/1', 'Set-Cookie': 'z=0,a=1,b=2', 'X-Count': '3', 'X-List': '1,true' }, body: '{"ok":true}',
    });
  });

  test('GIVEN only a statusCode THEN the answer has no headers and an empty body; null headers and body count as absent', () => {
    expect(readProxyResponse({ statusCode: 204 })).toEqual({ status: 204, headers: {}, body: '' });
    expect(readProxyResponse({ statusCode: 200, headers: null, multiValueHeaders: null, body: null, isBase64Encoded: true }))
      .toEqual({ status: 200, headers: {}, body: '' });
    expect(readProxyResponse({ statusCode: 200, multiValueHeaders: { A: [] } })).toEqual({ status: 200, headers: { A: '' }, body: '' });
  });

  test('GIVEN statusCode 100 and 599 (the limits) THEN they are accepted', () => {
    expect(readProxyResponse({ statusCode: 100 })).toEqual({ status: 100, headers: {}, body: '' });
    expect(readProxyResponse({ statusCode: 599 })).toEqual({ status: 599, headers: {}, body: '' });
  });

  test.each([
    [99, 'statusCode 99 is not a whole number from 100 to 599'],
    [600, 'statusCode 600 is not a whole number from 100 to 599'],
    [200.5, 'statusCode 200.5 is not a whole number from 100 to 599'],
    ['200', 'statusCode "200" is not a whole number from 100 to 599'],
    [undefined, 'statusCode undefined is not a whole number from 100 to 599'],
  ])('fails if statusCode is %p (one past the limits or not a whole number)', (statusCode, reason) => {
    expect(readProxyResponse(statusCode === undefined ? { body: 'x' } : { statusCode })).toBe(reason);
  });

  test.each([
    [null, 'the function returned null, not an object with statusCode'],
    ['text', 'the function returned "text", not an object with statusCode'],
    [42, 'the function returned 42, not an object with statusCode'],
    [[{ statusCode: 200 }], 'the function returned [{"statusCode":200}], not an object with statusCode'],
    [{ statusCode: 200, extra: 1 }, 'the response has the field extra; only statusCode, headers, multiValueHeaders, body and isBase64Encoded are allowed'],
    [{ statusCode: 200, body: { a: 1 } }, 'body is an object; it must be a string (JSON.stringify it)'],
    [{ statusCode: 200, body: 5 }, 'body is a number; it must be a string (JSON.stringify it)'],
    [{ statusCode: 200, body: false }, 'body is a boolean; it must be a string (JSON.stringify it)'],
    [{ statusCode: 200, isBase64Encoded: 'true' }, 'isBase64Encoded is not a boolean'],
    [{ statusCode: 200, headers: 'a: b' }, 'headers is not an object'],
    [{ statusCode: 200, headers: ['a'] }, 'headers is not an object'],
    [{ statusCode: 200, headers: { A: { b: 1 } } }, 'the header A is not a string'],
    [{ statusCode: 200, headers: { A: ['b'] } }, 'the header A is not a string'],
    [{ statusCode: 200, multiValueHeaders: 'a' }, 'multiValueHeaders is not an object'],
    [{ statusCode: 200, multiValueHeaders: [['a']] }, 'multiValueHeaders is not an object'],
    [{ statusCode: 200, multiValueHeaders: { A: 'b' } }, 'multiValueHeaders.A is not a list'],
  ])('fails if the function returns %p', (payload, reason) => {
    expect(readProxyResponse(payload)).toBe(reason);
  });

  test('GIVEN a null header value THEN it is sent as the text null (not refused)', () => {
    expect(readProxyResponse({ statusCode: 200, headers: { A: null } })).toEqual({ status: 200, headers: { A: 'null' }, body: '' });
  });
});
