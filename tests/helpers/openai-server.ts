// A real local HTTP server speaking the OpenAI chat-completions and embeddings API, for tests.
// Modes: 'normal' (answers by quoting the first context passage of the request, with its citation),
// 'fabricated' (quotes text that is not in any document), 'hang' (never answers), 'down' (HTTP 500),
// 'garbage' (200 with a body that is not JSON). Switch with setMode(); every request is recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerMode = 'normal' | 'fabricated' | 'hang' | 'down' | 'garbage';

export interface RecordedRequest {
  path: string;
  body: any;
}

export interface OpenAIServerOptions {
  mode?: ServerMode;
  /** Embedding size returned by /v1/embeddings. */
  dimensions?: number;
  /** Text the 'fabricated' mode quotes; by default a sentence in no corpus document. */
  fabricatedQuote?: string;
  /** Overrides the reply text of the 'normal' mode. */
  reply?: (userMessage: string) => string;
}

export interface OpenAIServer {
  /** Base URL for OPENAI_BASE_URL / `configuration.baseURL`, ending in /v1. */
  baseURL: string;
  setMode(mode: ServerMode): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const FABRICATED_QUOTE = '每名党员每月必须缴纳党费一百元，逾期三个月自动退党。';

/** What a careful model would say: the first passage's first sentence, quoted, with its citation. */
export function quoteFirstPassage(userMessage: string): string {
  const m = /\[1\]\s*(《[^》]+》[^\s（\n]*)[^\n]*\n<<<\n([\s\S]*?)\n>>>/.exec(userMessage);
  if (!m) return '资料中没有找到能回答这个问题的内容。';
  const body = m[2]!.replace(/^\s*(\d{1,3}[.．、]\s*|第[〇零一二三四五六七八九十百千\d]+条\s*)/, '');
  const sentence = (/^[^。！？]*[。！？]/.exec(body)?.[0] ?? body).trim();
  return `根据${m[1]}：「${sentence}」（${m[1]}）`;
}

function hashVector(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  for (let i = 0; i < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1) || 0;
    v[(a * 31 + b) % dim]! += 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

function chatReply(content: string, model: string) {
  return {
    id: `chatcmpl-${Date.now()}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

export async function startOpenAIServer(opts: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  let mode: ServerMode = opts.mode ?? 'normal';
  const dim = opts.dimensions ?? 64;
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: any = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        body = { raw };
      }
      const path = (req.url ?? '').replace(/\?.*$/, '');
      requests.push({ path, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
      };
      if (mode === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (mode === 'down') return send(500, { error: { message: 'server down', type: 'server_error' } });
      if (mode === 'garbage') return send(200, '<html>502 Bad Gateway</html>');
      if (path.endsWith('/embeddings')) {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input ?? ''];
        const data = inputs.map((t, index) => ({ object: 'embedding', index, embedding: hashVector(String(t), dim) }));
        return send(200, { object: 'list', data, model: body.model ?? 'test-embedding', usage: { prompt_tokens: 1, total_tokens: 1 } });
      }
      if (path.endsWith('/chat/completions')) {
        const messages: Array<{ role: string; content: string }> = body.messages ?? [];
        const user = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
        const content =
          mode === 'fabricated'
            ? `根据《实施方案》第16条：「${opts.fabricatedQuote ?? FABRICATED_QUOTE}」（《实施方案》第16条）`
            : (opts.reply ?? quoteFirstPassage)(user);
        return send(200, chatReply(content, body.model ?? 'test-chat'));
      }
      send(404, { error: { message: `no route ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    setMode: (m) => {
      mode = m;
    },
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
