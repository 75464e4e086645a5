import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { ok } from '../../api/client';
import type { MethodologyDefinition, MethodologyView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { previewLine } from './preview-text';
import { type PreviewRequest, useMethodologyPreview } from './useMethodologyPreview';

interface Activity {
  distanceM?: number;
  units?: number;
  durationS?: number;
  carriedMg?: number;
}

/** The definition as typed, or null while it is not JSON of an object. */
function parsed(text: string): MethodologyDefinition | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as MethodologyDefinition)
      : null;
  } catch {
    return null;
  }
}

/**
 * A draft's definition in a JSON editor, beside the live calculator; save the draft, then
 * publish it with a confirmation that shows the content hash it gets.
 */
export function MethodologyEditor({
  draft,
  onChanged,
}: {
  /** The draft being edited; null: a new draft (its code is asked for). */
  draft: MethodologyView | null;
  onChanged(): Promise<void> | void;
}) {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [text, setText] = useState(() => JSON.stringify(draft?.definition ?? TEMPLATE, null, 2));
  const [activity, setActivity] = useState<Activity>({ distanceM: 8000, durationS: 1200 });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<MethodologyView | null>(draft);
  const definition = parsed(text);
  // The hook's dialogs take the console's locale and theme (Modal.confirm would not).
  const [modal, modalHolder] = Modal.useModal();

  const request = useMemo<PreviewRequest | null>(() => {
    if (!definition) return null;
    const { carriedMg, ...rest } = activity;
    const act = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'number'));
    return { definition, activity: act, carriedMg: carriedMg ?? 0 } as PreviewRequest;
  }, [definition, activity]);
  const { preview, error: previewError } = useMethodologyPreview(request);

  const save = async () => {
    setError(null);
    if (!definition) return;
    try {
      const view = saved
        ? ok(
            await api.PUT('/v1/programs/{program}/methodologies/{code}/versions/{version}', {
              params: { path: { program, code: saved.code, version: saved.version } },
              body: { definition },
            }),
          )
        : ok(
            await api.POST('/v1/programs/{program}/methodologies', {
              params: { path: { program } },
              body: { code, definition },
            }),
          );
      setSaved(view);
      await onChanged();
    } catch (err) {
      setError(err);
    }
  };

  const publish = () => {
    if (!saved || !preview) return;
    modal.confirm({
      title: `${t('methodologies.publish')} ${saved.code}@${saved.version}`,
      content: (
        <>
          <p>{t('methodologies.publishConfirm')}</p>
          <Typography.Text code data-testid="publish-hash" style={{ wordBreak: 'break-all' }}>
            {preview.contentHash}
          </Typography.Text>
        </>
      ),
      okText: t('methodologies.publish'),
      onOk: async () => {
        setError(null);
        try {
          ok(
            await api.POST(
              '/v1/programs/{program}/methodologies/{code}/versions/{version}/publish',
              {
                params: { path: { program, code: saved.code, version: saved.version } },
              },
            ),
          );
          await onChanged();
        } catch (err) {
          setError(err);
        }
      },
    });
  };

  const number = (field: keyof Activity, label: string) => (
    <Form.Item label={label}>
      <InputNumber
        aria-label={label}
        min={0}
        precision={0}
        value={activity[field]}
        onChange={(v) => setActivity((a) => ({ ...a, [field]: v ?? undefined }))}
      />
    </Form.Item>
  );

  return (
    <Row gutter={16}>
      {modalHolder}
      <Col span={14}>
        <ErrorAlert error={error} />
        {saved ? null : (
          <Form.Item label={t('common.code')}>
            <Input
              aria-label={t('common.code')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder="SZ-FERRY"
            />
          </Form.Item>
        )}
        <Typography.Text strong>{t('methodologies.definition')}</Typography.Text>
        <Input.TextArea
          aria-label={t('methodologies.definition')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 16, maxRows: 28 }}
          style={{ fontFamily: 'monospace', marginTop: 8 }}
          status={definition ? undefined : 'error'}
        />
        <div style={{ marginTop: 12, display: 'flex', gap: 8 }}>
          <Button type="primary" onClick={() => void save()} disabled={!definition}>
            {t('common.save')}
          </Button>
          <Button onClick={publish} disabled={!saved || !preview || saved.status !== 'draft'}>
            {t('methodologies.publish')}
          </Button>
        </div>
      </Col>
      <Col span={10}>
        <Card title={t('methodologies.calculator')} size="small">
          <Typography.Paragraph type="secondary">
            {t('methodologies.calculatorHint')}
          </Typography.Paragraph>
          <Form layout="vertical">
            {number('distanceM', t('methodologies.distance'))}
            {number('units', t('methodologies.units'))}
            {number('durationS', t('methodologies.duration'))}
            {number('carriedMg', t('methodologies.carried'))}
          </Form>
          <ErrorAlert error={previewError} />
          {preview ? (
            <>
              {preview.plausible ? null : (
                <Alert
                  type="warning"
                  showIcon
                  message={t('methodologies.implausible')}
                  description={preview.message}
                />
              )}
              <Typography.Title level={4} data-testid="preview-line">
                {previewLine(preview, {
                  points: t('events.points'),
                  carried: t('methodologies.remainder'),
                })}
              </Typography.Title>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('methodologies.formula')}>
                  {preview.formula ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('methodologies.contentHash')}>
                  <Typography.Text code style={{ wordBreak: 'break-all' }}>
                    {preview.contentHash}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </>
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}

const TEMPLATE = {
  title: '轮渡出行 (ferry)',
  behaviour: 'ferry',
  model: 'per_distance',
  factorMg: 46_700,
  factorPer: 1_000,
  limits: { maxSpeedKmh: 60 },
  source: '',
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  effectiveTo: null,
};
