{{/* "<release>-<chart name>"; under an alias Helm sets .Chart.Name to the alias. */}}
{{- define "standin.fullname" -}}
{{- .Values.fullnameOverride | default (printf "%s-%s" .Release.Name .Chart.Name) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "standin.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "standin.labels" -}}
{{ include "standin.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | trunc 63 }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* ServiceAccount used by the pods: explicit name, else ours when created, else "default". */}}
{{- define "standin.serviceAccountName" -}}
{{- if .Values.serviceAccount.name -}}
{{- .Values.serviceAccount.name -}}
{{- else if .Values.serviceAccount.create -}}
{{- include "standin.fullname" . -}}
{{- else -}}
default
{{- end -}}
{{- end -}}

{{/* Container body shared by the Deployment and the CronJobs. Call with (dict "root" $ "command" list). */}}
{{- define "standin.container" -}}
{{- $v := .root.Values -}}
image: {{ printf "%s:%s" $v.image.repository ($v.image.tag | default .root.Chart.AppVersion) | quote }}
imagePullPolicy: {{ $v.image.pullPolicy }}
{{- with .command }}
command:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if and (not .command) $v.args }}
args:
  {{- toYaml $v.args | nindent 2 }}
{{- end }}
{{- with $v.env }}
env:
  {{- range $name := keys . | sortAlpha }}
  - name: {{ $name }}
    value: {{ get $v.env $name | toString | quote }}
  {{- end }}
{{- end }}
{{- $refs := list -}}
{{- range $suffix := keys ($v.envFrom | default dict) | sortAlpha -}}
{{- $kind := get $v.envFrom $suffix -}}
{{- if $kind -}}
{{- $refs = append $refs (dict $kind (dict "name" (printf "%s-%s" $.root.Release.Name $suffix))) -}}
{{- end -}}
{{- end }}
{{- with $refs }}
envFrom:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.resources }}
resources:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
