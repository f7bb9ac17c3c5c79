// The chat model from CHAT_MODEL through langchain's initChatModel: `provider:model` names any provider langchain
// knows (its package must be installed); a bare name is a model on the OpenAI-compatible endpoint at OPENAI_BASE_URL.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../ground/config.js';

/** Providers initChatModel accepts as a `provider:` prefix (langchain 1.5). Others stay part of the model name (qwen2.5:7b). */
const PROVIDERS = new Set([
  'openai',
  'anthropic',
  'azure_openai',
  'cohere',
  'google',
  'google-vertexai',
  'google-vertexai-web',
  'google-genai',
  'ollama',
  'mistralai',
  'mistral',
  'groq',
  'bedrock',
  'aws',
  'deepseek',
  'xai',
  'cerebras',
  'fireworks',
  'together',
  'perplexity',
]);

export interface ChatModelSpec {
  provider: string;
  model: string;
}

export function parseChatModel(spec: string): ChatModelSpec {
  const at = spec.indexOf(':');
  const prefix = at > 0 ? spec.slice(0, at) : '';
  if (PROVIDERS.has(prefix)) return { provider: prefix, model: spec.slice(at + 1) };
  return { provider: 'openai', model: spec };
}

export async function createChatModel(config: Config): Promise<BaseChatModel | undefined> {
  const { chatModel, apiKey, baseURL, timeoutMs, maxRetries } = config.llm;
  if (!chatModel) return undefined;
  const { provider, model } = parseChatModel(chatModel);
  // Loaded only when configured: the model clients cost ~30 MB of RSS the offline default does not need.
  const { initChatModel } = await import('langchain/chat_models/universal');
  // OPENAI_* settings belong to the OpenAI-compatible endpoint; other providers read their own keys from the environment.
  const openai = provider === 'openai' ? { apiKey: apiKey ?? 'not-needed', configuration: { baseURL } } : {};
  // Without timeout and maxRetries a hanging endpoint holds a question for 10 minutes × 6 retries.
  return initChatModel(model, { modelProvider: provider, temperature: 0, timeout: timeoutMs, maxRetries, ...openai });
}
