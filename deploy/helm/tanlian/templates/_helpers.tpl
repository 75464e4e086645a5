{{- define "tanlian.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "tanlian.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "tanlian.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "tanlian.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tanlian.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "tanlian.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
{{- end -}}

{{- define "tanlian.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else if .Values.secrets.create -}}
{{- printf "%s-env" (include "tanlian.fullname" .) -}}
{{- else -}}
{{- fail "secrets: set secrets.existingSecret (a Secret with database-url, redis-url and secrets-key) or secrets.create with the values" -}}
{{- end -}}
{{- end -}}

{{/* The service's environment (clearing-service/src/config/app-config.ts), shared by every process. */}}
{{- define "tanlian.env" -}}
{{- $secret := include "tanlian.secretName" . -}}
- name: DATABASE_URL
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: database-url } }
- name: REDIS_URL
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: redis-url } }
- name: TANLIAN_SECRETS_KEY
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: secrets-key } }
{{- if .Values.secrets.wechat.enabled }}
- name: WECHAT_APP_ID
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: wechat-app-id } }
- name: WECHAT_APP_SECRET
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: wechat-app-secret } }
{{- end }}
- name: DATABASE_POOL_SIZE
  value: {{ .Values.config.databasePoolSize | quote }}
- name: STORAGE_TIMEOUT_MS
  value: {{ .Values.config.storageTimeoutMs | quote }}
- name: QUEUE_PREFIX
  value: {{ .Values.config.queuePrefix | quote }}
- name: HTTP_BODY_LIMIT_BYTES
  value: {{ .Values.config.httpBodyLimitBytes | quote }}
- name: LOG_LEVEL
  value: {{ .Values.config.logLevel | quote }}
- name: AUDIT_ORIGIN_PREFIX
  value: {{ .Values.config.auditOriginPrefix | quote }}
- name: AUDIT_INTEGRATE_INTERVAL_MS
  value: {{ .Values.config.auditIntegrateIntervalMs | quote }}
- name: AUDIT_FSCK_INTERVAL_MS
  value: {{ .Values.config.auditFsckIntervalMs | quote }}
{{- end -}}

{{- define "tanlian.podSecurity" -}}
serviceAccountName: {{ include "tanlian.serviceAccountName" . }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
