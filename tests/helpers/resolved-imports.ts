// Which modules a process loads: a child imports `entry` (TypeScript, through tsx), runs `then` (a snippet of ES
// module code that may use the entry's exports as `m`) and reports every module URL that was resolved.
import { execFileSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../ground/config.js';

export function resolvedBy(entry: string, then = ''): string[] {
  const hooks = `
    export async function initialize({ port }) { globalThis.port = port; }
    export async function resolve(specifier, context, next) {
      const r = await next(specifier, context);
      globalThis.port.postMessage(r.url);
      return r;
    }`;
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    import { register as tsx } from 'tsx/esm/api';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (u) => urls.push(u));
    port1.unref();
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), import.meta.url, {
      data: { port: port2 },
      transferList: [port2],
    });
    tsx();
    const m = await import(${JSON.stringify(entry)});
    ${then}
    await new Promise((r) => setTimeout(r, 200));
    console.log(JSON.stringify(urls));
    process.exit(0);
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as string[];
}
