{{/*
Names are derived from the release name only, so every resource, Secret and Service
is "<release>-<suffix>" and the subcharts (which prefix "<release>-") agree with us.
*/}}

{{/* Resource name "<release>-<suffix>", truncated to the 63-char DNS label limit. */}}
{{- define "jetscale.name" -}}
{{- printf "%s-%s" .root.Release.Name .suffix | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Chart label value "<name>-<version>". */}}
{{- define "jetscale.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: stable across upgrades, so they never include versions. */}}
{{- define "jetscale.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Standard labels on every resource. Call with (dict "root" $ "component" "x"). */}}
{{- define "jetscale.labels" -}}
helm.sh/chart: {{ include "jetscale.chart" .root }}
{{ include "jetscale.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: jetscale
{{- end -}}

{{/*
Secret path prefix: externalSecret.awsSecretPrefix, else "<client_name>-<env>".
Fails instead of producing "/application/..." or "-prod/..." when neither is usable.
*/}}
{{- define "jetscale.secretPrefix" -}}
{{- $es := .Values.externalSecret -}}
{{- if $es.awsSecretPrefix -}}
{{- $es.awsSecretPrefix -}}
{{- else if and .Values.global.client_name .Values.global.env -}}
{{- printf "%s-%s" .Values.global.client_name .Values.global.env -}}
{{- else -}}
{{- fail "externalSecret.enabled is true but no secret prefix can be built: set externalSecret.awsSecretPrefix, or global.client_name (the prefix then defaults to <client_name>-<env>)" -}}
{{- end -}}
{{- end -}}

{{/* Name of the SecretStore the ExternalSecrets reference. */}}
{{- define "jetscale.secretStoreName" -}}
{{- .Values.externalSecret.secretStoreName | default (include "jetscale.name" (dict "root" . "suffix" "secrets-store")) -}}
{{- end -}}

{{/* Name of the ServiceAccount External Secrets uses to reach the secret manager. */}}
{{- define "jetscale.esoServiceAccountName" -}}
{{- include "jetscale.name" (dict "root" . "suffix" "external-secrets") -}}
{{- end -}}

{{/* Ingress hosts sorted, so derived URLs are deterministic. */}}
{{- define "jetscale.sortedHosts" -}}
{{- keys (.Values.ingress.hosts | default dict) | sortAlpha | join "," -}}
{{- end -}}

{{/* Public URL of the frontend: https://<first sorted host>, else the local dev server. */}}
{{- define "jetscale.frontendUrl" -}}
{{- $hosts := include "jetscale.sortedHosts" . -}}
{{- if and .Values.ingress.enabled $hosts -}}
{{- printf "https://%s" (first (splitList "," $hosts)) -}}
{{- else -}}
http://localhost:3000
{{- end -}}
{{- end -}}

{{/* CORS origins: every ingress host over https plus the local dev server. */}}
{{- define "jetscale.corsAllowedOrigins" -}}
{{- $origins := list -}}
{{- $hosts := include "jetscale.sortedHosts" . -}}
{{- if and .Values.ingress.enabled $hosts -}}
{{- range splitList "," $hosts -}}
{{- $origins = append $origins (printf "https://%s" .) -}}
{{- end -}}
{{- end -}}
{{- $origins = append $origins "http://localhost:3000" -}}
{{- join "," $origins -}}
{{- end -}}

{{/*
ExternalSecret common header. Call with (dict "root" $ "suffix" "db-secret").
The target Secret has the same name as the ExternalSecret: "<release>-<suffix>".
*/}}
{{- define "jetscale.externalSecretHead" -}}
{{- $name := include "jetscale.name" (dict "root" .root "suffix" .suffix) -}}
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ $name }}
  labels:
    {{- include "jetscale.labels" (dict "root" .root "component" "secrets") | nindent 4 }}
spec:
  refreshInterval: {{ .root.Values.externalSecret.refreshInterval | quote }}
  secretStoreRef:
    kind: SecretStore
    name: {{ include "jetscale.secretStoreName" .root }}
  target:
    name: {{ $name }}
    creationPolicy: Owner
{{- end -}}
