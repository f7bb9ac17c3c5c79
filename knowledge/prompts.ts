// Prompt templates from prompts/: loaded and checked once, filled per question.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../ground/config.js';

export interface Prompts {
  system: string;
  user: string;
}

const REQUIRED: Record<keyof Prompts, string[]> = {
  system: ['{{bot_name}}', '{{max_selected}}', '{{max_lead_chars}}'],
  user: ['{{context}}', '{{question}}'],
};

export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptError';
  }
}

export function loadPrompts(dir = path.join(PROJECT_ROOT, 'prompts')): Prompts {
  const read = (name: string) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new PromptError(`缺少提示词文件 ${file}`);
    return fs.readFileSync(file, 'utf8').trim();
  };
  const prompts: Prompts = { system: read('answer-system.md'), user: read('answer-user.md') };
  for (const key of Object.keys(REQUIRED) as Array<keyof Prompts>) {
    const missing = REQUIRED[key].filter((p) => !prompts[key].includes(p));
    if (missing.length) throw new PromptError(`提示词 answer-${key}.md 缺少占位符：${missing.join('、')}`);
  }
  return prompts;
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
}

/** Fences cannot be closed from inside: the question and context never contain the fence marks. */
export function defang(text: string): string {
  return text.replace(/<<<|>>>/g, (m) => (m === '<<<' ? '‹‹‹' : '›››'));
}
