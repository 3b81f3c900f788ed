// The test hub of hub-server.ts in a process of its own: express-pouchdb over
// in-memory databases on 127.0.0.1 (ephemeral port) with a server admin.
// In-memory databases are global to a process, so hubs started one after
// another inside one long-lived process (a Playwright worker) would share
// _users and the OPD databases; a process per hub keeps each one clean.
// argv: adminName adminPassword [sessionTimeoutSeconds]
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));
const expressPouch = require('express-pouchdb');

const [name, password, timeout] = process.argv.slice(2);
const app = expressPouch(PouchDB.defaults({ adapter: 'memory' }), {
  inMemoryConfig: true,
  logPath: path.join(os.tmpdir(), `redaksi-hub-${process.pid}.log`),
  mode: 'fullCouchDB',
});
const set = (section, key, value) => new Promise((resolve, reject) => app.couchConfig.set(section, key, value, (err) => (err ? reject(err) : resolve())));
(async () => {
  await set('admins', name, password);
  if (timeout) await set('couch_httpd_auth', 'timeout', Number(timeout));
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${server.address().port}\n`));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
// The parent's end is this hub's end.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
