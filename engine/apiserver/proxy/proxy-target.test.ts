import { describe, expect, it } from 'vitest';
import { proxyPath, splitSchemeNamePort } from './proxy-target.ts';

describe('proxy targets', () => {
  it.each([
    ['web', { scheme: '', name: 'web', port: '' }],
    ['web:80', { scheme: '', name: 'web', port: '80' }],
    ['web:http', { scheme: '', name: 'web', port: 'http' }],
    ['https:web:443', { scheme: 'https', name: 'web', port: '443' }],
    ['https:web:', { scheme: 'https', name: 'web', port: '' }],
  ])('reads %s', (id, expected) => {
    expect(splitSchemeNamePort(id, 'service')).toEqual(expected);
  });

  it.each([['ftp:web:21'], [':80'], ['a:b:c:d']])('refuses %s as a bad request', (id) => {
    expect(() => splitSchemeNamePort(id, 'pod')).toThrow(`invalid pod request ${JSON.stringify(id)}`);
  });

  it.each([
    ['/api/v1/namespaces/default/services/web:80/proxy/', '/'],
    ['/api/v1/namespaces/default/pods/web/proxy/static/app.js', '/static/app.js'],
    ['/api/v1/namespaces/default/services/web/proxy/dir/', '/dir/'],
    ['/api/v1/namespaces/default/services/web/proxy', ''],
    ['/api/v1/namespaces/default/services/web', undefined],
  ])('finds the path behind proxy in %s', (path, expected) => {
    expect(proxyPath(path)).toBe(expected);
  });
});
