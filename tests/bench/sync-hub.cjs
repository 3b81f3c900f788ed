// A sync hub for the bench, in its own process as a real hub would be:
// express-pouchdb over PouchDB's memory adapter on 127.0.0.1, ephemeral port.
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));
const expressPouchdb = require('express-pouchdb');

const Hub = PouchDB.defaults({ adapter: 'memory', prefix: `benchhub${process.pid}-` });
const server = http.createServer(expressPouchdb(Hub, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: path.join(os.tmpdir(), `express-pouchdb-bench-${process.pid}.log`) }));
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${server.address().port}\n`));
