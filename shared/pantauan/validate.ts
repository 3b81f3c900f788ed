import { CHANNELS } from '@shared/domain/post';
import { TIME_ZONE_CODES } from '@shared/domain/time-zone';
import type { RollupType } from './docs';
import { PARTICIPANT_KINDS, REQUIRED_DAY_MODES } from './settings';

/**
 * The rollup database's `validate_doc_update` (CouchDB runs it on every
 * write, replication included). It accepts only the four summary types and,
 * for each, only the allow-listed fields with values of the right form, so
 * a complaint's reporter, phone or text, a post's body or a draft cannot be
 * stored on the hub even by a modified client. A writer may only write its
 * own OPD's documents (CouchDB role opd-<slug>-<role>); hub admins may write
 * any. The same field lists as the zod schemas in docs.ts (a unit test
 * keeps them equal).
 *
 * Kinds: slug, region (slug or ''), date, month, time, zone, kind, days, channel, bool, count,
 * counts (one count per channel), line:N (one line up to N chars, nullable
 * with ?), iso (date-time with offset, nullable with ?), url, pubId, any.
 */
export const ROLLUP_FIELDS: Record<RollupType, Record<string, string>> = {
  opd: {
    type: 'type',
    opd: 'slug',
    name: 'line:200',
    kind: 'kind',
    region: 'region',
    zone: 'zone',
    days: 'days',
    perChannel: 'counts',
    requiredFrom: 'date',
    lastPublishedAt: 'iso?',
    generatedAt: 'iso',
  },
  day: {
    type: 'type',
    opd: 'slug',
    date: 'date',
    zone: 'zone',
    counts: 'counts',
    total: 'count',
    required: 'bool',
    targetMet: 'bool',
    holiday: 'line:200?',
    lastTime: 'time?',
  },
  month: {
    type: 'type',
    opd: 'slug',
    month: 'month',
    received: 'count',
    firstReplyDone: 'count',
    firstReplyOnTime: 'count',
    finalDone: 'count',
    finalOnTime: 'count',
    overdue: 'count',
    asOf: 'date',
  },
  publication: {
    type: 'type',
    opd: 'slug',
    pubId: 'pubId',
    channel: 'channel',
    date: 'date',
    time: 'time',
    zone: 'zone',
    publishedAt: 'iso',
    url: 'url',
    category: 'line:100',
    author: 'line:120?',
  },
};

/** CouchDB's own fields a stored or replicated document may carry. */
const COUCH_FIELDS = ['_id', '_rev', '_revisions'];

const VALIDATE_BODY = `
  var FIELDS = ${JSON.stringify(ROLLUP_FIELDS)};
  var CHANNELS = ${JSON.stringify(CHANNELS)};
  var ZONES = ${JSON.stringify(TIME_ZONE_CODES)};
  var KINDS = ${JSON.stringify(PARTICIPANT_KINDS)};
  var DAYS = ${JSON.stringify(REQUIRED_DAY_MODES)};
  var COUCH = ${JSON.stringify(COUCH_FIELDS)};
  function forbid(msg) { throw ({ forbidden: msg }); }
  function has(list, v) { for (var i = 0; i < list.length; i++) if (list[i] === v) return true; return false; }
  function isCount(v) { return typeof v === 'number' && v >= 0 && v <= 1000000 && Math.floor(v) === v; }
  function check(kind, v, key, type) {
    var nullable = kind.charAt(kind.length - 1) === '?';
    if (nullable) { kind = kind.slice(0, -1); if (v === null) return; }
    var ok;
    if (kind === 'type') ok = v === type;
    else if (kind === 'slug') ok = typeof v === 'string' && /^[a-z][a-z0-9-]{0,61}$/.test(v);
    else if (kind === 'region') ok = v === '' || (typeof v === 'string' && /^[a-z][a-z0-9-]{0,61}$/.test(v));
    else if (kind === 'date') ok = typeof v === 'string' && /^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$/.test(v);
    else if (kind === 'month') ok = typeof v === 'string' && /^\\d{4}-(0[1-9]|1[0-2])$/.test(v);
    else if (kind === 'time') ok = typeof v === 'string' && /^([01]\\d|2[0-3]):[0-5]\\d$/.test(v);
    else if (kind === 'iso') ok = typeof v === 'string' && v.length <= 40 && /^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$/.test(v);
    else if (kind === 'zone') ok = has(ZONES, v);
    else if (kind === 'kind') ok = has(KINDS, v);
    else if (kind === 'days') ok = has(DAYS, v);
    else if (kind === 'channel') ok = has(CHANNELS, v);
    else if (kind === 'bool') ok = typeof v === 'boolean';
    else if (kind === 'count') ok = isCount(v);
    else if (kind === 'pubId') ok = typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);
    else if (kind === 'url') ok = typeof v === 'string' && v.length <= 2000 && /^(https?:\\/\\/[^\\s]+)?$/.test(v);
    else if (kind.indexOf('line:') === 0) ok = typeof v === 'string' && v.length <= Number(kind.slice(5)) && !/[\\r\\n]/.test(v);
    else if (kind === 'counts') {
      ok = v !== null && typeof v === 'object' && !Array.isArray(v);
      if (ok) {
        for (var k in v) if (!has(CHANNELS, k)) forbid(key + ': unknown channel ' + k);
        for (var c = 0; c < CHANNELS.length; c++) if (!isCount(v[CHANNELS[c]])) forbid(key + '.' + CHANNELS[c] + ': not a count');
      }
    } else ok = false;
    if (!ok) forbid(key + ': not allowed value');
  }
  function ownerOf(id) {
    var parts = String(id).split(':');
    if (parts[0] === 'opd') return parts.length === 2 ? parts[1] : null;
    if (parts[0] === 'day' || parts[0] === 'month') return parts.length === 3 ? parts[2] : null;
    if (parts[0] === 'pub') return parts.length === 4 ? parts[2] : null;
    return null;
  }
  function expectedId(d) {
    if (d.type === 'opd') return 'opd:' + d.opd;
    if (d.type === 'day') return 'day:' + d.date + ':' + d.opd;
    if (d.type === 'month') return 'month:' + d.month + ':' + d.opd;
    return 'pub:' + d.date + ':' + d.opd + ':' + d.pubId;
  }
  var roles = (userCtx && userCtx.roles) || [];
  var admin = has(roles, '_admin');
  var id = String(newDoc._id || '');
  if (id.indexOf('_design/') === 0) { if (!admin) forbid('only a hub admin changes design documents'); return; }
  var owner = ownerOf(id);
  if (!owner) forbid('_id: not a rollup document id');
  if (!admin) {
    var mine = false;
    for (var r = 0; r < roles.length; r++) if (String(roles[r]).indexOf('opd-' + owner + '-') === 0) mine = true;
    if (!mine) forbid('only members of ' + owner + ' write its summaries');
  }
  if (newDoc._deleted === true) {
    for (var dk in newDoc) if (dk !== '_deleted' && !has(COUCH, dk)) forbid(dk + ': a deletion carries no fields');
    return;
  }
  var spec = FIELDS.hasOwnProperty(newDoc.type) ? FIELDS[newDoc.type] : null;
  if (!spec) forbid('type: not a rollup type');
  for (var key in newDoc) {
    if (has(COUCH, key)) continue;
    if (!spec.hasOwnProperty(key)) forbid(key + ': field not allowed in ' + newDoc.type);
  }
  for (var f in spec) {
    if (!newDoc.hasOwnProperty(f)) forbid(f + ': missing');
    check(spec[f], newDoc[f], f, newDoc.type);
  }
  if (expectedId(newDoc) !== id) forbid('_id: does not match the content');
`;

/** The validation function as CouchDB wants it: the source of one anonymous JavaScript function (ES5). */
export const ROLLUP_VALIDATE_SOURCE = `function (newDoc, oldDoc, userCtx, secObj) {${VALIDATE_BODY}}`;
