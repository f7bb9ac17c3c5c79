// Real Redis deployments for the failover tests, started from the apt redis-server: a Cluster of masters with
// one replica each (redis-cli --cluster create), and a Sentinel group (a master, a replica, three sentinels).
// Every node runs with AOF and noeviction in its own folder under a temp dir, on free local ports.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../ground/free-port.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Node {
  port: number;
  child: ChildProcess;
}

const cli = async (port: number, ...args: string[]) =>
  (await run('redis-cli', ['-p', String(port), ...args], { timeout: 10_000 })).stdout;

function startServer(dir: string, port: number, extra: string[]): Promise<Node> {
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis ${port} did not start: ${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections|Sentinel ID is/.test(out)) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data').resume();
        child.stderr!.removeAllListeners('data').resume();
        resolve({ port, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis ${port} exited (${code}): ${out}`)));
  });
}

/** Resolves once the master on `port` has `replicas` replicas online (they acknowledge writes: WAIT works). */
async function replicasOnline(port: number, replicas: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const info = await cli(port, 'info', 'replication');
    if ([...info.matchAll(/slave\d+:.*state=online/g)].length >= replicas) return;
    await sleep(100);
  }
  throw new Error(`the replica of ${port} did not come online`);
}

/** A cluster node also listens on its port + 10000 (the cluster bus), which must be a port too. */
const BUS_OFFSET = 10_000;

/** Whether nothing listens on the loopback `port`. */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/**
 * `n` distinct free ports. The OS may hand the same free port to two probes in a row, which once started two nodes on
 * one port (bind: Address already in use); for cluster nodes, each port's bus port is free and no other node's port.
 */
async function freePorts(n: number, bus = false): Promise<number[]> {
  const taken = new Set<number>();
  while (taken.size < n) {
    const p = await freePort();
    if (taken.has(p)) continue;
    if (bus) {
      const clash = p + BUS_OFFSET > 65_535 || taken.has(p + BUS_OFFSET) || taken.has(p - BUS_OFFSET);
      if (clash || !(await portFree(p + BUS_OFFSET))) continue;
    }
    taken.add(p);
  }
  return [...taken];
}

const killNode = (n: Node, signal: NodeJS.Signals = 'SIGKILL') =>
  new Promise<void>((resolve) => {
    if (n.child.exitCode !== null || n.child.signalCode !== null) return resolve();
    n.child.once('exit', () => resolve());
    n.child.kill(signal);
  });

export interface TestCluster {
  /** For REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  /** The port of the master serving a key's slot. */
  masterOf(key: string): Promise<number>;
  /** kill -9 of one node. */
  kill(port: number): Promise<void>;
  /** Resolves when the cluster is ok again and the slot of `key` is served by a master other than `old`. */
  failedOver(key: string, old: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startCluster(masters = 3): Promise<TestCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-cluster-'));
  const ports = await freePorts(masters * 2, true);
  const started = await Promise.allSettled(
    ports.map((p) =>
      startServer(path.join(root, String(p)), p, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        '2000',
      ]),
    ),
  );
  const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  // One node that did not start fails the cluster: the others are stopped, not left running after the test.
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((n) => killNode(n)));
    throw failed.reason;
  }
  await run(
    'redis-cli',
    ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'],
    { timeout: 60_000 },
  );
  const ok = async (port: number) => (await cli(port, 'cluster', 'info')).includes('cluster_state:ok');
  for (let i = 0; i < 200 && !(await Promise.all(ports.map(ok))).every(Boolean); i++) await sleep(100);
  const alive = new Set(ports);
  // Each master's replica has synced (cluster create returns before): a write can then reach a replica.
  const roleOf = async (port: number) => /role:(\w+)/.exec(await cli(port, 'info', 'replication'))?.[1];
  for (const p of ports) if ((await roleOf(p)) === 'master') await replicasOnline(p, 1);
  const masterOf = async (key: string) => {
    const slot = Number((await cli([...alive][0]!, 'cluster', 'keyslot', key)).trim());
    const text = await cli([...alive][0]!, 'cluster', 'nodes');
    for (const line of text.trim().split('\n')) {
      const f = line.split(' ');
      if (!f[2]!.includes('master') || f[2]!.includes('fail')) continue;
      for (const range of f.slice(8)) {
        const [a, b] = range.split('-').map(Number);
        if (slot >= a! && slot <= (b ?? a)!) return Number(f[1]!.split(':')[1]!.split('@')[0]);
      }
    }
    throw new Error(`no master for slot ${slot}`);
  };
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    masterOf,
    async kill(port) {
      alive.delete(port);
      await killNode(nodes.find((n) => n.port === port)!);
    },
    async failedOver(key, old, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        try {
          const now = await masterOf(key);
          if (now !== old && (await ok(now))) return now;
        } catch {
          /* mid-election */
        }
        if (Date.now() > until) throw new Error('no failover');
        await sleep(200);
      }
    },
    async stop() {
      await Promise.all(nodes.map((n) => killNode(n, 'SIGTERM')));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface TestSentinel {
  /** For REDIS_SENTINELS, with REDIS_SENTINEL_MASTER = name. */
  sentinels: string;
  name: string;
  masterPort(): Promise<number>;
  kill(port: number): Promise<void>;
  failedOver(old: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startSentinel(): Promise<TestSentinel> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-sentinel-'));
  const name = 'zhibu-test';
  const [mPort, rPort, ...sentinelPorts] = (await freePorts(5)) as [number, number, ...number[]];
  const master = await startServer(path.join(root, 'm'), mPort, []);
  const replica = await startServer(path.join(root, 'r'), rPort, ['--replicaof', '127.0.0.1', String(mPort)]);
  const servers = [master, replica];
  const sentinels: Node[] = [];
  for (let i = 0; i < 3; i++) {
    const port = sentinelPorts[i]!;
    const dir = path.join(root, `s${i}`);
    fs.mkdirSync(dir, { recursive: true });
    const conf = path.join(dir, 'sentinel.conf');
    fs.writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${mPort} 2`,
        `sentinel down-after-milliseconds ${name} 1500`,
        `sentinel failover-timeout ${name} 10000`,
        `sentinel parallel-syncs ${name} 1`,
      ].join('\n'),
    );
    const child = spawn('redis-server', [conf, '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.resume();
    child.stderr!.resume();
    sentinels.push({ port, child });
  }
  const masterPort = async () => {
    for (const s of sentinels) {
      try {
        const out = await cli(s.port, 'sentinel', 'get-master-addr-by-name', name);
        const port = Number(out.trim().split('\n')[1]);
        if (port) return port;
      } catch {
        /* not up yet */
      }
    }
    throw new Error('no sentinel answers');
  };
  await replicasOnline(mPort, 1);
  // Sentinels know the replica once it has synced: wait for it.
  for (let i = 0; i < 100; i++) {
    try {
      const out = await cli(sentinels[0]!.port, 'sentinel', 'replicas', name);
      if (out.includes(String(rPort))) break;
    } catch {
      /* starting */
    }
    await sleep(100);
  }
  return {
    sentinels: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    name,
    masterPort,
    async kill(port) {
      await killNode(servers.find((n) => n.port === port)!);
    },
    async failedOver(old, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const port = await masterPort().catch(() => old);
        if (port !== old) {
          try {
            if ((await cli(port, 'info', 'replication')).includes('role:master')) return port;
          } catch {
            /* promoting */
          }
        }
        if (Date.now() > until) throw new Error('no failover');
        await sleep(200);
      }
    },
    async stop() {
      await Promise.all([...sentinels, ...servers].map((n) => killNode(n, 'SIGTERM')));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
