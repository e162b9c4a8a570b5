// Every error code jetscale can exit with: its exit code and its source. `user`: fix your input or setup;
// `tool`: an external tool failed; `cloud`: AWS or Kubernetes answered with an error; `internal`: a jetscale bug
// or a refused effect. README "Exit codes" is generated from the same facts; keep them in step.
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

export type ErrorSource = 'user' | 'tool' | 'cloud' | 'internal';

const code = (exitCode: ExitCodeValue, source: ErrorSource, meaning: string) => ({ exitCode, source, meaning });

export const ERROR_CODES = {
  E_USAGE: code(ExitCode.usage, 'user', 'bad command line: unknown task, missing or extra argument, invalid flag value'),
  E_CONFIG: code(ExitCode.usage, 'user', 'jetscale.config.yaml or a JETSCALE_* variable is invalid'),
  E_DOTENV: code(ExitCode.usage, 'user', 'the repo-root .env cannot be parsed'),
  E_PRECONDITION: code(ExitCode.precondition, 'user', 'something the task needs is missing'),
  E_TOOL_MISSING: code(ExitCode.precondition, 'user', 'an external tool is not installed'),
  E_TOOL_VERSION: code(ExitCode.precondition, 'user', 'an external tool is too old'),
  E_TOOL_BROKEN: code(ExitCode.precondition, 'tool', 'an external tool does not report its version'),
  E_SPAWN: code(ExitCode.precondition, 'tool', 'an external tool could not be started'),
  E_COMMAND_FAILED: code(ExitCode.taskFailed, 'tool', 'an external command exited non-zero'),
  E_TIMEOUT: code(ExitCode.taskFailed, 'tool', 'an external command ran past its deadline'),
  E_NOT_READY: code(ExitCode.taskFailed, 'tool', 'a long-running process did not become ready before its deadline'),
  E_STEP_DEADLINE: code(ExitCode.taskFailed, 'tool', 'a step ran past its deadline'),
  E_JOURNAL: code(ExitCode.precondition, 'user', 'the step journal is unreadable or cannot resume from the given step'),
  E_READ_ONLY: code(ExitCode.taskFailed, 'internal', 'the effect gate refused a change above the task\'s effect class'),
  E_TOOL_OUTPUT: code(ExitCode.taskFailed, 'tool', 'an external tool printed output jetscale cannot parse'),
  E_AWS_CREDENTIALS: code(ExitCode.precondition, 'cloud', 'AWS credentials are missing, expired or rejected'),
  E_AWS_ACCESS_DENIED: code(ExitCode.precondition, 'cloud', 'the AWS caller may not do this'),
  E_AWS_REGION: code(ExitCode.precondition, 'user', 'no AWS region is configured'),
  E_AWS_ENDPOINT: code(ExitCode.usage, 'user', 'an AWS_ENDPOINT_URL* variable is not an absolute http(s) URL'),
  E_AWS_NOT_FOUND: code(ExitCode.taskFailed, 'cloud', 'the AWS resource does not exist'),
  E_AWS_RETRIES_EXHAUSTED: code(ExitCode.taskFailed, 'cloud', 'AWS kept throttling or failing after every retry'),
  E_AWS_UNREACHABLE: code(ExitCode.taskFailed, 'cloud', 'the AWS endpoint cannot be reached'),
  E_AWS_PAGINATION: code(ExitCode.taskFailed, 'cloud', 'AWS returned a pagination token it had returned before'),
  E_AWS: code(ExitCode.taskFailed, 'cloud', 'AWS answered with another error'),
  E_KUBECONFIG_MISSING: code(ExitCode.precondition, 'user', 'no kubeconfig file was found'),
  E_KUBECONFIG_INVALID: code(ExitCode.precondition, 'user', 'a kubeconfig file does not parse'),
  E_KUBE_CONTEXT: code(ExitCode.precondition, 'user', 'the Kubernetes context does not exist'),
  E_KUBE_CONTEXT_INCOMPLETE: code(ExitCode.precondition, 'user', "the context's cluster or user is missing"),
  E_KUBE_CREDENTIALS: code(ExitCode.precondition, 'cloud', 'the Kubernetes API rejected the credentials (401)'),
  E_KUBE_FORBIDDEN: code(ExitCode.precondition, 'cloud', 'RBAC forbids this request (403)'),
  E_KUBE_UNREACHABLE: code(ExitCode.precondition, 'cloud', 'the Kubernetes API server cannot be reached'),
  E_KUBE_NOT_FOUND: code(ExitCode.taskFailed, 'cloud', 'the Kubernetes object does not exist (404)'),
  E_KUBE_CONFLICT: code(ExitCode.taskFailed, 'cloud', 'the Kubernetes object changed or already exists (409)'),
  E_KUBE_TIMEOUT: code(ExitCode.taskFailed, 'cloud', 'a Kubernetes request got no answer in time'),
  E_KUBE_WAIT_TIMEOUT: code(ExitCode.taskFailed, 'cloud', 'a Kubernetes wait ran past its deadline'),
  E_KUBE_KIND: code(ExitCode.taskFailed, 'cloud', 'the API server does not serve this kind'),
  E_KUBE_REF: code(ExitCode.taskFailed, 'internal', 'an object reference without kind or name'),
  E_KUBE_API: code(ExitCode.taskFailed, 'cloud', 'the Kubernetes API answered with another error'),
  E_VALIDATION: code(ExitCode.validation, 'user', 'validation found errors'),
  E_HEALTH_GATE: code(ExitCode.healthGate, 'cloud', 'the deployed environment is not reachable and healthy'),
  E_IDENTITY_GUARD: code(ExitCode.precondition, 'user', 'the AWS caller is not in an allowed account, region or role'),
  E_PROTECTED_NAME: code(ExitCode.precondition, 'user', 'the environment id is a protected name'),
  E_PREFLIGHT: code(ExitCode.precondition, 'cloud', 'a deploy precondition (ESO, client secret, pull secret) is not met'),
  E_HELM_PENDING: code(ExitCode.precondition, 'cloud', 'the Helm release is stuck in pending-* and was not recovered'),
  E_TF_LOCKED: code(ExitCode.taskFailed, 'tool', 'the Terraform state lock stayed held past the deadline'),
  E_TF_FAILED: code(ExitCode.taskFailed, 'tool', 'terraform failed with an error that is not retried'),
  E_RESIDUE: code(ExitCode.residue, 'cloud', 'cleanup left resources behind'),
  E_ENV_ID: code(ExitCode.usage, 'user', 'not an ephemeral environment id (pr-<n>), or a protected name'),
  E_PLAN_REFUSED: code(ExitCode.usage, 'user', 'a cleanup plan file is unreadable, tampered with, expired, or for another account, region or environment'),
  E_GITHUB_REPOSITORY: code(ExitCode.precondition, 'user', 'GITHUB_REPOSITORY is not set, so pull request states cannot be read'),
  E_INTERRUPTED: code(ExitCode.interrupted, 'user', 'Ctrl-C or SIGTERM'),
  E_INTERNAL: code(ExitCode.taskFailed, 'internal', 'a bug in jetscale'),
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The table entry of a code; unknown codes (never in a typed build) count as internal. */
export function describeCode(c: string): { exitCode: ExitCodeValue; source: ErrorSource; meaning: string } {
  return (ERROR_CODES as Record<string, { exitCode: ExitCodeValue; source: ErrorSource; meaning: string }>)[c] ?? ERROR_CODES.E_INTERNAL;
}
