// Read-only "by credentials" (anchors §7.12): with --role-arn, diagnose assumes the breakglass role with this inline
// session policy. A session's permissions are the intersection of the role's policies and the session policy, so
// the policy allows everything (the role still limits it) and then denies every action that is not a Describe*,
// List* or Get* of the services diagnose reads: even a bug, or a call that slipped past the effect gate, cannot
// change anything. kms:Decrypt stays allowed because GetSecretValue of a secret under a customer key needs it.

/** IAM prefixes of the services diagnose reads (ELBv2, EKS, Secrets Manager, Tagging, S3). */
export const READ_SERVICES = ['elasticloadbalancing', 'eks', 'secretsmanager', 'tag', 's3'] as const;

/** The actions the session keeps: reads only. */
export const READ_ACTIONS: readonly string[] = [
  ...READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`, `${s}:Get*`]),
  'sts:GetCallerIdentity',
  'kms:Decrypt',
];

/** The session policy document (compact JSON; AWS caps a session policy at 2,048 characters). */
export function readOnlySessionPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'KeepWhatTheRoleAllows', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'DenyEverythingButReads', Effect: 'Deny', NotAction: READ_ACTIONS, Resource: '*' },
    ],
  });
}
