// Which way imports may point (README, "Layout"). `npm run lint` fails on any violation.
// Floors, bottom to top: ground → store, knowledge, jobs → domains → bot, web (side by side) → app → cli (bench beside cli).
const SRC = '^(ground|store|knowledge|jobs|domains|bot|web|app|cli|bench)/';

const onlyTo = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: SRC, pathNot: allowed },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles.', from: {}, to: { circular: true } },
    onlyTo('ground-is-the-ground', '^ground/', '^ground/', 'ground/ imports nothing of the project beyond itself.'),
    onlyTo('store-on-ground', '^store/', '^(ground|store)/', 'store/ owns the records and stands on ground/ only.'),
    onlyTo('knowledge-on-store', '^knowledge/', '^(ground|store|knowledge)/', 'knowledge/ knows no queues, domains or chat.'),
    onlyTo('jobs-on-store', '^jobs/', '^(ground|store|jobs)/', 'jobs/ (outbox, queue plumbing) knows no domain and no chat.'),
    onlyTo('domains-below-the-edge', '^domains/', '^(ground|store|jobs|knowledge|domains)/', 'Domains never import the chat edge, the composition root or the CLI.'),
    onlyTo('roles-first', '^domains/roles/', '^(ground|store|jobs|knowledge)/|^domains/(deps\\.ts|roles/)', 'roles is the lowest domain.'),
    onlyTo('attendance-below-meetings', '^domains/attendance/', '^(ground|store|jobs|knowledge)/|^domains/(deps\\.ts|roles/|attendance/)', 'attendance: what replies mean and add up to; meetings builds on it.'),
    onlyTo('meetings-below-digest', '^domains/meetings/', '^(ground|store|jobs|knowledge)/|^domains/(deps\\.ts|roles/|attendance/|meetings/)', 'meetings never imports digest or broadcasts.'),
    onlyTo('broadcasts-alone', '^domains/broadcasts/', '^(ground|store|jobs|knowledge)/|^domains/(deps\\.ts|roles/|broadcasts/)', 'broadcasts stand beside meetings.'),
    onlyTo('edge-below-root', '^bot/', '^(ground|store|jobs|knowledge|domains|bot)/', 'The chat edge never imports the web console, the composition root or the CLI.'),
    onlyTo('web-beside-bot', '^web/', '^(ground|store|jobs|knowledge|domains|web)/', 'The web console stands beside the chat edge: it calls domains/, never bot/, app/ or the CLI.'),
    onlyTo('root-below-cli', '^app/', '^(ground|store|jobs|knowledge|domains|bot|web|app)/', 'app/ is imported by the CLI, never the other way.'),
    onlyTo('bench-not-cli', '^bench/', '^(ground|store|jobs|knowledge|domains|bot|web|app|bench)/', 'bench/ is run by the CLI, not the other way.'),
    {
      name: 'wechaty-only-in-its-channel',
      comment: 'Only the Wechaty channel (and its tests and bench) imports wechaty.',
      severity: 'error',
      from: { path: SRC, pathNot: '^bot/channels/wechaty/|^bench/' },
      to: { path: 'node_modules/(wechaty|wechaty-puppet[^/]*)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
