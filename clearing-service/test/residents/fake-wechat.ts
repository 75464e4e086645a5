import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  status?: number;
  contentType?: string;
  /** Sent as JSON unless it is a string. */
  body: unknown;
  /** Never answer (to test time-outs). */
  hang?: boolean;
}

/**
 * A local stand-in for api.weixin.qq.com/sns/jscode2session: records each query and answers what
 * the test says, labelled text/plain like the real one.
 */
export class FakeWeChat {
  readonly queries: URLSearchParams[] = [];
  answer: FakeAnswer = { body: {} };
  private server: http.Server | null = null;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      this.queries.push(url.searchParams);
      if (url.pathname !== '/sns/jscode2session') {
        res.writeHead(404).end();
        return;
      }
      const answer = this.answer;
      if (answer.hang) return;
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res
        .writeHead(answer.status ?? 200, {
          'content-type': answer.contentType ?? 'text/plain',
        })
        .end(text);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
