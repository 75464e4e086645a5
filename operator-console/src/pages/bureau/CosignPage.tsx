import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Descriptions, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ok } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadText } from '../../components/download';
import { shortHash } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { cosign } from './witness-cosign';
import {
  newWitnessFile,
  parseWitnessFile,
  serializeWitnessFile,
  type WitnessFile,
  witnessVerifierKey,
} from './witness-file';

const fileNameOf = (f: WitnessFile) => `witness-${f.name}.json`;

/**
 * The bureau as a witness: its key is loaded (or made) here and never leaves the browser; the
 * latest checkpoint is checked against what the witness file remembers, cosigned, submitted, and
 * the file handed back to be saved with its new state.
 */
export function CosignPage() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [file, setFile] = useState<WitnessFile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const load = (text: string) => {
    setError(null);
    setDone(null);
    try {
      setFile(parseWitnessFile(text));
    } catch (err) {
      setError(err);
    }
  };

  const save = (f: WitnessFile) => downloadText(fileNameOf(f), serializeWitnessFile(f));

  const create = () => {
    const made = newWitnessFile(name.trim());
    setFile(made);
    save(made);
  };

  const register = async () => {
    if (!file) return;
    setError(null);
    try {
      ok(
        await api.POST('/v1/programs/{program}/audit/witnesses', {
          params: { path: { program } },
          body: { vkey: witnessVerifierKey(file) },
        }),
      );
      setDone(witnessVerifierKey(file));
    } catch (err) {
      setError(err);
    }
  };

  const sign = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const params = { path: { program } };
      const keys = ok(await api.GET('/v1/programs/{program}/audit/keys', { params }));
      const note = await (
        await fetch(`/v1/programs/${encodeURIComponent(program)}/audit/checkpoint`)
      ).text();
      const size = Number(note.split('\n')[1]);
      const from = file.last?.size ?? 0;
      const proof =
        from > 0 && size > from
          ? ok(
              await api.GET('/v1/programs/{program}/audit/proof/consistency', {
                params: { ...params, query: { from, to: size } },
              }),
            ).proof
          : [];
      const log = {
        origin: keys.origin,
        hash: keys.hash,
        keys: keys.keys.filter((k) => k.state !== 'registered').map((k) => k.vkey),
      };
      const outcome = cosign({ file, log, note, proof, nowSeconds: Math.floor(Date.now() / 1000) });
      if (!outcome.ok) throw new Error(`${t('cosign.failed')}: ${outcome.reason}`);
      const signature = outcome.cosignature.replace(/\n$/, '');
      ok(
        await api.POST('/v1/programs/{program}/audit/cosignatures', {
          params,
          body: { size: outcome.size, signature },
        }),
      );
      // Remembered only once the log took it: the next check starts from here.
      setFile(outcome.file);
      save(outcome.file);
      setDone(`${t('cosign.done')}: ${outcome.size}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageContainer title={t('cosign.title')}>
      <Alert type="info" showIcon message={t('cosign.hint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      {done ? (
        <Alert
          type="success"
          showIcon
          message={done}
          style={{ marginBottom: 16 }}
          data-testid="cosign-done"
        />
      ) : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Card title={t('cosign.load')} size="small">
          <input
            type="file"
            accept="application/json,.json"
            aria-label={t('cosign.load')}
            onChange={async (e) => {
              const chosen = e.target.files?.[0];
              if (chosen) load(await chosen.text());
            }}
          />
          <Input.TextArea
            aria-label={t('cosign.paste')}
            placeholder={t('cosign.paste')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            style={{ marginTop: 8, fontFamily: 'monospace' }}
            onBlur={(e) => e.target.value.trim() && load(e.target.value)}
          />
        </Card>
        <Card title={t('cosign.new')} size="small">
          <Space>
            <Input
              aria-label={t('cosign.newName')}
              placeholder={t('cosign.newName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <Button onClick={create} disabled={!name.trim()}>
              {t('cosign.new')}
            </Button>
          </Space>
        </Card>
        {file ? (
          <Card title={file.name} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="vkey">
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {witnessVerifierKey(file)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('signingKeys.origin')}>
                {file.log?.origin ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('cosign.last')}>
                <span data-testid="witness-last">
                  {file.last ? `${file.last.size} · ${shortHash(file.last.rootHash)}` : '—'}
                </span>
              </Descriptions.Item>
            </Descriptions>
            <Space>
              <Button onClick={() => void register()}>{t('cosign.register')}</Button>
              <Button type="primary" loading={busy} onClick={() => void sign()}>
                {t('cosign.sign')}
              </Button>
              <Button onClick={() => save(file)}>{t('cosign.save')}</Button>
            </Space>
          </Card>
        ) : null}
      </Space>
    </PageContainer>
  );
}
