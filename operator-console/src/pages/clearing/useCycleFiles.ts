import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { CycleFileView } from '../../api/types';
import { downloadBytes } from '../../components/download';
import { useScope } from '../../session/SessionContext';
import { fileMatches } from './file-check';

const TYPE: Record<CycleFileView['format'], string> = {
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
};

/**
 * Downloads a cycle's file, the hub's way (admin, bureau: any file) or a participant's (its own),
 * and saves it only when its bytes hash to the listed SHA-256; each file's check is kept to show.
 */
export function useCycleFiles(cycle: number, participant: string | null) {
  const { api, program } = useScope();
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const download = useCallback(
    async (file: CycleFileView) => {
      const path = { program, cycle: String(cycle), file: file.id };
      const answer = participant
        ? await api.GET(
            '/v1/programs/{program}/participants/{participant}/clearing/cycles/{cycle}/files/{file}',
            { params: { path: { ...path, participant } }, parseAs: 'arrayBuffer' },
          )
        : await api.GET('/v1/programs/{program}/clearing/cycles/{cycle}/files/{file}', {
            params: { path },
            parseAs: 'arrayBuffer',
          });
      const bytes = new Uint8Array(ok(answer) as ArrayBuffer);
      const good = await fileMatches(
        bytes,
        file.sha256,
        answer.response.headers.get('x-content-sha256'),
      );
      setChecked((old) => ({ ...old, [file.id]: good }));
      if (good) downloadBytes(file.name, bytes, TYPE[file.format]);
    },
    [api, program, cycle, participant],
  );
  return { download, checked };
}
