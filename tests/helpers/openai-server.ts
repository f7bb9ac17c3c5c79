// A real local HTTP server speaking the OpenAI chat-completions and embeddings API, for tests.
// Chat requests get structured output the way LangChain asks for it: `response_format: json_schema` (reply in the
// content) or a forced tool (reply as the tool call's arguments). The reply is a selection of the numbered context
// sentences ([n] …) in the request, plus a lead. Modes: 'normal' (a careful model: the sentence sharing most with
// the question, no lead, or what `select` returns), 'fabricated' (the first sentence with a lead that invents a
// fact), 'hang' (never answers), 'down' (HTTP 500), 'garbage' (200 with a body that is not JSON).
// Switch with setMode(); every request is recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerMode = 'normal' | 'fabricated' | 'hang' | 'down' | 'garbage';

export interface RecordedRequest {
  path: string;
  body: any;
}

/** What the fake model sees of a chat request: the numbered sentences and the fenced question. */
export interface ChatRequest {
  sentences: Array<{ n: number; text: string }>;
  question: string;
  user: string;
  /** 'jsonSchema' | 'functionCalling' | 'text': how structured output was asked for. */
  method: string;
}

/** A selection (fields left out get defaults), or `raw` content sent as-is (a model that ignores the format). */
export type ModelReply = { answerable?: boolean; sentences?: unknown[]; lead?: string } | { raw: string };

export interface OpenAIServerOptions {
  mode?: ServerMode;
  /** Embedding size returned by /v1/embeddings. */
  dimensions?: number;
  /** The lead the 'fabricated' mode writes; by default a claim in no corpus document. */
  fabricatedLead?: string;
  /** What the 'normal' mode replies; by default the careful model's selection. */
  select?: (req: ChatRequest) => ModelReply;
  /** false: reject `response_format: json_schema` with HTTP 400, as servers without structured outputs do. */
  jsonSchema?: boolean;
}

export interface OpenAIServer {
  /** Base URL for OPENAI_BASE_URL / `configuration.baseURL`, ending in /v1. */
  baseURL: string;
  setMode(mode: ServerMode): void;
  /** Replaces the 'normal' mode's reply (undefined: the careful model again). */
  setSelect(select?: (req: ChatRequest) => ModelReply): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const FABRICATED_LEAD = '每名党员每月必须缴纳党费一百元，逾期三个月自动退党。';

/** Parses the numbered sentences and the fenced question out of the user message. */
export function parseChatRequest(user: string, method = 'text'): ChatRequest {
  const sentences = [...user.matchAll(/^\[(\d+)\] (.*)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2]! }));
  const question = /<<<\n([\s\S]*?)\n>>>\s*$/.exec(user.slice(user.lastIndexOf('<<<')))?.[1] ?? '';
  return { sentences, question, user, method };
}

/** A careful model: the sentence that shares the most character pairs with the question; declines when none shares two. */
export function carefulSelect(req: ChatRequest): ModelReply {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < req.question.length; i++) pairs.add(req.question.slice(i, i + 2));
  const scored = req.sentences.map((s) => ({ n: s.n, score: [...pairs].filter((p) => s.text.includes(p)).length }));
  const best = scored.sort((a, b) => b.score - a.score || a.n - b.n)[0];
  if (!best || best.score < 2) return { answerable: false, sentences: [], lead: '' };
  return { answerable: true, sentences: [best.n], lead: '' };
}

/** The vector /v1/embeddings returns for a text: character pairs hashed into `dim` dimensions, unit length. */
export function hashVector(text: string, dim: number): number[] {
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
    id: `chatcmpl-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function toolReply(name: string, args: string, model: string) {
  const reply = chatReply('', model);
  reply.choices[0]!.message = {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: `call_${Date.now()}`, type: 'function', function: { name, arguments: args } }],
  } as any;
  reply.choices[0]!.finish_reason = 'tool_calls';
  return reply;
}

export async function startOpenAIServer(opts: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  let mode: ServerMode = opts.mode ?? 'normal';
  let select = opts.select;
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
        return send(200, {
          object: 'list',
          data,
          model: body.model ?? 'test-embedding',
          usage: { prompt_tokens: 1, total_tokens: 1 },
        });
      }
      if (path.endsWith('/chat/completions')) {
        const messages: Array<{ role: string; content: string }> = body.messages ?? [];
        const user = messages
          .filter((m) => m.role === 'user')
          .map((m) => m.content)
          .join('\n');
        const method =
          body.response_format?.type === 'json_schema' ? 'jsonSchema' : body.tools?.length ? 'functionCalling' : 'text';
        if (method === 'jsonSchema' && opts.jsonSchema === false)
          return send(400, {
            error: { message: 'response_format json_schema is not supported', type: 'invalid_request_error' },
          });
        const req = parseChatRequest(user, method);
        const reply: ModelReply =
          mode === 'fabricated'
            ? { answerable: true, sentences: [1], lead: opts.fabricatedLead ?? FABRICATED_LEAD }
            : (select ?? carefulSelect)(req);
        const content =
          'raw' in reply
            ? reply.raw
            : JSON.stringify({
                answerable: reply.answerable ?? true,
                sentences: reply.sentences ?? [],
                lead: reply.lead ?? '',
              });
        if (method === 'functionCalling' && !('raw' in reply))
          return send(
            200,
            toolReply(
              body.tool_choice?.function?.name ?? body.tools[0].function.name,
              content,
              body.model ?? 'test-chat',
            ),
          );
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
    setSelect: (f) => {
      select = f;
    },
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
