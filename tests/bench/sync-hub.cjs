// A sync hub for the bench, in its own process as a real hub would be:
// express-pouchdb on 127.0.0.1, ephemeral port. With a folder argument the
// databases live on disk (leveldb, as CouchDB keeps them); otherwise in memory.
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const dir = process.argv[2];
const PouchDB = dir ? require('pouchdb') : require('pouchdb').plugin(require('pouchdb-adapter-memory'));
const expressPouchdb = require('express-pouchdb');

const Hub = dir ? PouchDB.defaults({ prefix: dir + path.sep }) : PouchDB.defaults({ adapter: 'memory', prefix: `benchhub${process.pid}-` });
const server = http.createServer(expressPouchdb(Hub, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: path.join(os.tmpdir(), `express-pouchdb-bench-${process.pid}.log`) }));
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${server.address().port}\n`));
