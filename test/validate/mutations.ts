// The catalogue of broken environments: each mutation edits a fixture repo and, after ALL mutations of a run
// are applied, says which findings (rule, file, line, severity, environments) validate:envs must report.
// Expected lines are looked up in the text as finally written, never hard-coded.
import type { Severity } from '../../src/core/finding.js';
import type { FixtureRepo } from './fixture-repo.js';

export const CHART = 'charts/jetscale/Chart.yaml';
export const LOCK = 'charts/jetscale/Chart.lock';
export const AWS = 'envs/aws.yaml';
export const PREVIEW = 'envs/preview/preview.yaml';
export const CONSOLE = 'envs/live/console.yaml';
export const ACME = 'envs/staging/acme.yaml';
export const GLOBEX = 'envs/staging/globex.yaml';
export const INGRESS_TEMPLATE = 'charts/jetscale/templates/ingress.yaml';
export const AWS_ENVS = ['live/console', 'preview/preview', 'staging/acme', 'staging/globex'] as const;

/** A finding validate:envs must report. `line` undefined: not asserted; `message` must match when given. */
export interface Expected {
  rule: string;
  file: string;
  line?: number;
  severity?: Severity;
  envs?: readonly string[];
  message?: RegExp;
}

export interface Mutation {
  name: string;
  apply(repo: FixtureRepo): Promise<void>;
  expected(repo: FixtureRepo): Promise<Expected[]>;
  /** Other error rules this mutation legitimately causes (for "nothing else fires" checks). */
  also?: readonly string[];
  /** Needs a real helm render to show. */
  render?: boolean;
}

/** Env files whose `<env>.yaml` key `frontend.env.VITE_API_BASE_URL` anchors env-var insertions. */
const VITE = '    VITE_API_BASE_URL:';
const OTHER_CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
const AWS_KEY = 'AKIAQ3EGRT7XKZ5MWN2P';
const PASSWORD = 'hunter2hunter2';

/** 1. Link Mode committed: the first dependency points at a file:// chart. */
export function fileDependency(severity: Severity = 'error'): Mutation {
  return {
    name: 'file:// dependency in Chart.yaml',
    also: ['supply-chain/lock-entries', 'supply-chain/lock-digest'],
    async apply(repo) {
      await repo.replaceLineAt(CHART, await repo.lineOf(CHART, 'repository: "oci://', 1), ['    repository: "file://../../backend"']);
    },
    async expected(repo) {
      return [{ rule: 'supply-chain/oci', severity, file: CHART, line: await repo.lineOf(CHART, 'repository: "file://'), message: /file:\/\// }];
    },
  };
}

/** 2a. Chart.lock edited by hand: the frontend version no longer matches Chart.yaml. */
export const lockVersionEdited: Mutation = {
  name: 'Chart.lock version edited',
  async apply(repo) {
    await repo.replaceLine(LOCK, /^ {2}version: 2\.7\.1$/, ['  version: 2.7.2']);
  },
  async expected(repo) {
    return [
      { rule: 'supply-chain/lock-entries', file: LOCK, line: await repo.lineOf(LOCK, 'version: 2.7.2'), message: /2\.7\.2/ },
      { rule: 'supply-chain/lock-digest', file: LOCK, line: await repo.lineOf(LOCK, /^digest:/) },
    ];
  },
};

/** 2b. Chart.yaml bumped without `helm dependency update`: the lock is stale. */
export const chartVersionBumped: Mutation = {
  name: 'Chart.yaml dependency version bumped without updating Chart.lock',
  async apply(repo) {
    await repo.replaceLine(CHART, 'version: "2.7.1"', ['    version: "2.7.2"']);
  },
  async expected(repo) {
    const chartLine = await repo.lineOf(CHART, 'version: "2.7.2"');
    return [
      { rule: 'supply-chain/lock-entries', file: LOCK, line: await repo.lineOf(LOCK, 'version: 2.7.1'), message: new RegExp(`Chart\\.yaml:${chartLine}\\b`) },
      { rule: 'supply-chain/lock-digest', file: LOCK, line: await repo.lineOf(LOCK, /^digest:/) },
    ];
  },
};

/** 3. HTTP-only ALB in the cloud layer: every AWS environment is affected, the fix is one line. */
export const httpOnlyAlb: Mutation = {
  name: 'HTTP-only listen-ports in envs/aws.yaml',
  async apply(repo) {
    await repo.replaceLine(AWS, 'listen-ports:', [`    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP":80}]'`]);
  },
  async expected(repo) {
    return [{ rule: 'tls/listen-ports', file: AWS, line: await repo.lineOf(AWS, 'listen-ports:'), envs: AWS_ENVS }];
  },
};

/** 4. Live serves a different (valid) certificate than preview. */
export const certificateMismatch: Mutation = {
  name: 'live/console overrides certificate-arn',
  async apply(repo) {
    await repo.insertAfter(CONSOLE, /^ {2}annotations:$/, [`    alb.ingress.kubernetes.io/certificate-arn: ${OTHER_CERT}`]);
  },
  async expected(repo) {
    const line = await repo.lineOf(CONSOLE, OTHER_CERT);
    // The reference is the one certificate the cloud layer sets; the override is also a cloud-owned value changed.
    return [
      { rule: 'tls/parity', file: CONSOLE, line, envs: ['live/console'], message: /envs\/aws\.yaml's arn:aws:acm/ },
      { rule: 'tls/cloud-owned', file: CONSOLE, line, envs: ['live/console'], message: /owned by envs\/aws\.yaml/ },
    ];
  },
};

/** 5. The pinned TLS policy is gone: the ALB would fall back to its default. */
export const sslPolicyMissing: Mutation = {
  name: 'ssl-policy deleted from envs/aws.yaml',
  async apply(repo) {
    await repo.replaceLine(AWS, 'ssl-policy:', []);
  },
  async expected() {
    return [{ rule: 'tls/ssl-policy', file: AWS, envs: AWS_ENVS, message: /not pinned/ }];
  },
};

/** 6a. A literal password under a secret-looking key. */
export function plaintextPassword(file: string): Mutation {
  return {
    name: `plaintext DB_PASSWORD in ${file}`,
    async apply(repo) {
      await repo.insertAfter(file, VITE, [`    DB_PASSWORD: "${PASSWORD}"`]);
    },
    async expected(repo) {
      return [{ rule: 'secrets/committed', file, line: await repo.lineOf(file, PASSWORD), message: /DB_PASSWORD/ }];
    },
  };
}

/** 6b. An AWS access key id under an innocent key name (caught by its format). */
export function awsAccessKey(file: string): Mutation {
  return {
    name: `AWS access key id in ${file}`,
    async apply(repo) {
      await repo.insertAfter(file, VITE, [`    UPSTREAM_ID: ${AWS_KEY}`]);
    },
    async expected(repo) {
      return [{ rule: 'secrets/committed', file, line: await repo.lineOf(file, AWS_KEY), message: /AWS access key/ }];
    },
  };
}

/** 7. The same key twice in one map: the second one is what Helm keeps, and what to fix. */
export function duplicateKey(file: string): Mutation {
  return {
    name: `duplicate global.client_name in ${file}`,
    async apply(repo) {
      await repo.insertAfter(file, /^ {2}project_name:/, ['  client_name: duplicate']);
    },
    async expected(repo) {
      const first = await repo.lineOf(file, /^ {2}client_name:/, 1);
      return [{ rule: 'yaml/duplicate-key', file, line: await repo.lineOf(file, /^ {2}client_name:/, 2), message: new RegExp(`line ${first}\\b`) }];
    },
  };
}

/** 8. A misspelt key the chart does not declare. */
export function misspeltKey(file: string, variant: 'ingress.hostz' | 'global.projct_name'): Mutation {
  const [parent, key] = variant.split('.') as [string, string];
  const lines = key === 'hostz' ? ['  hostz:', '    typo.jetscale.ai: {}'] : ['  projct_name: console'];
  return {
    name: `misspelt ${variant} in ${file}`,
    async apply(repo) {
      await repo.insertAfter(file, new RegExp(`^${parent}:$`), lines);
    },
    async expected(repo) {
      return [{ rule: 'schema/unknown-key', file, line: await repo.lineOf(file, `  ${key}:`), message: new RegExp(key) }];
    },
  };
}

/** 9. A value of the wrong type. */
export function wrongType(file: string, variant: 'backend-api.replicaCount' | 'ingress.enabled'): Mutation {
  const [parent, key] = variant.split('.') as [string, string];
  const line = key === 'replicaCount' ? '  replicaCount: "three"' : '  enabled: "yes"';
  return {
    name: `wrong type for ${variant} in ${file}`,
    async apply(repo) {
      await repo.insertAfter(file, new RegExp(`^${parent}:$`), [line]);
    },
    async expected(repo) {
      return [{ rule: 'schema', file, line: await repo.lineOf(file, line), message: new RegExp(`${key}.*(integer|boolean)`) }];
    },
  };
}

/** 10. An empty project name: renders, but reads broken secret paths. */
export const emptyProjectName: Mutation = {
  name: 'empty global.project_name in staging/globex',
  async apply(repo) {
    await repo.replaceLine(GLOBEX, /^ {2}project_name:/, ['  project_name: ""']);
  },
  async expected() {
    return [{ rule: 'identity/empty', file: GLOBEX, envs: ['staging/globex'], message: /global\.project_name/ }];
  },
};

/** 11. A template that renders an unknown field into the Ingress spec. */
export const renderedUnknownField: Mutation = {
  name: 'unknown field spec.replicass rendered into the Ingress',
  render: true,
  async apply(repo) {
    await repo.insertAfter(INGRESS_TEMPLATE, /^spec:$/, ['  replicass: 1']);
  },
  async expected() {
    return [{ rule: 'render/schema', file: INGRESS_TEMPLATE, message: /^Ingress jetscale: unknown field spec\.replicass$/ }];
  },
};
