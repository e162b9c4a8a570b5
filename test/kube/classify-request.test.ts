// The request classifier: method + path → verb, resource, effect and the gate declaration (pure, no network).
import { describe, expect, it } from 'vitest';
import { classifyRequest, declareRequest } from '../../src/kube/classify-request.js';

const BASE = 'https://127.0.0.1:6443';
const decl = (method: string, path: string) => {
  const url = new URL(BASE + path);
  return declareRequest(classifyRequest(method, url), url);
};

describe('classifyRequest', () => {
  it.each([
    ['GET', '/api/v1/namespaces', 'list namespaces', 'namespaces', 'read'],
    ['GET', '/api/v1/namespaces/pr-7', 'get namespaces', 'namespaces/pr-7', 'read'],
    ['GET', '/api/v1/namespaces/pr-7/pods?labelSelector=app%3Dapi', 'list pods', 'pr-7/pods', 'read'],
    ['GET', '/api/v1/namespaces/pr-7/pods/p1/log?previous=true', 'get pods/log', 'pr-7/pods/p1/log', 'read'],
    ['GET', '/apis/apps/v1/namespaces/pr-7/deployments?watch=true', 'watch deployments', 'pr-7/deployments', 'read'],
    ['GET', '/apis/apps/v1/watch/namespaces/pr-7/deployments', 'watch deployments', 'pr-7/deployments', 'read'],
    ['POST', '/api/v1/namespaces', 'create namespaces', 'namespaces', 'write'],
    ['POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', 'create selfsubjectaccessreviews', 'selfsubjectaccessreviews', 'read'],
    ['POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', 'create selfsubjectrulesreviews', 'selfsubjectrulesreviews', 'read'],
    ['POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', 'create subjectaccessreviews', 'subjectaccessreviews', 'read'],
    ['POST', '/apis/authentication.k8s.io/v1/tokenreviews', 'create tokenreviews', 'tokenreviews', 'read'],
    ['POST', '/api/v1/namespaces/pr-7/pods/p1/eviction', 'create pods/eviction', 'pr-7/pods/p1/eviction', 'destroy'],
    ['PUT', '/apis/apps/v1/namespaces/pr-7/deployments/api', 'update deployments', 'pr-7/deployments/api', 'write'],
    ['PATCH', '/apis/apps/v1/namespaces/pr-7/deployments/api?fieldManager=jetscale', 'patch deployments', 'pr-7/deployments/api', 'write'],
    ['PUT', '/api/v1/namespaces/pr-7/finalize', 'update namespaces/finalize', 'namespaces/pr-7/finalize', 'write'],
    ['DELETE', '/api/v1/namespaces/pr-7', 'delete namespaces', 'namespaces/pr-7', 'destroy'],
    ['DELETE', '/api/v1/namespaces/pr-7/pods?labelSelector=app%3Dapi', 'deletecollection pods', 'pr-7/pods', 'destroy'],
    ['DELETE', '/apis/external-secrets.io/v1/clustersecretstores/aws', 'delete clustersecretstores', 'clustersecretstores/aws', 'destroy'],
    ['GET', '/version', 'get /version', '/version', 'read'],
    ['GET', '/apis/apps/v1', 'get /apis/apps/v1', '/apis/apps/v1', 'read'],
    ['OPTIONS', '/api/v1/namespaces', 'options namespaces', 'namespaces', 'destroy'],
  ])('%s %s → %s on %s (%s)', (method, path, operation, target, effect) => {
    expect(decl(method, path)).toMatchObject({ channel: 'kube', operation, target, effect });
  });

  it('does not treat a review resource in another group as a read', () => {
    expect(decl('POST', '/apis/example.com/v1/tokenreviews').effect).toBe('write');
  });

  it('puts the method, path and decoded query in the command line', () => {
    expect(decl('GET', '/api/v1/namespaces/pr-7/pods?labelSelector=app%3Dapi').command).toBe('GET /api/v1/namespaces/pr-7/pods?labelSelector=app=api');
    expect(decl('DELETE', '/api/v1/namespaces/pr-7').command).toBe('DELETE /api/v1/namespaces/pr-7');
  });

  it('resolves namespace, name and subresource like the API server', () => {
    expect(classifyRequest('GET', new URL(`${BASE}/api/v1/namespaces/pr-7/pods/p1/log`))).toMatchObject({
      verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'pr-7', name: 'p1', subresource: 'log',
    });
  });
});
