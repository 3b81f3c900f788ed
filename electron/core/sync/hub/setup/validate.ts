/**
 * validate_doc_update functions for hub databases (issue 13). Each is kept as
 * JavaScript source, the exact text the setup script puts in a design
 * document, and is also exported as a function built from that same text, so
 * unit tests check the code CouchDB runs. (express-pouchdb drops replicated
 * writes silently when a validate_doc_update exists, so no test relies on a
 * server applying them.)
 *
 * ES5 on purpose: CouchDB's JavaScript engine differs by build (SpiderMonkey
 * 1.8.5 up to 91, or QuickJS in 3.4+).
 *
 * CouchDB calls validate_doc_update(newDoc, oldDoc, userCtx, secObj) on every
 * write, replicated ones included, and refuses the write when it throws
 * {forbidden: message} (403) or {unauthorized: message} (401). Server admins
 * pass every check; design documents are guarded by CouchDB itself (only
 * database admins write them).
 */

export interface UserCtx {
  db?: string;
  name: string | null;
  roles: string[];
}
export interface SecurityObject {
  members?: { names?: string[]; roles?: string[] };
  admins?: { names?: string[]; roles?: string[] };
}
export type ValidateDocUpdate = (newDoc: Record<string, unknown>, oldDoc: Record<string, unknown> | null, userCtx: UserCtx, secObj: SecurityObject) => void;

/**
 * Workspace databases (opd-*, aduan-*, rollup-*): only the people the
 * database's _security lists (by name or role) may write, whatever the
 * server's member rules were set to; and nobody but a database admin deletes
 * a document, because deletion in Redaksi is a flag (trash), so an offline
 * edit of a deleted post is never lost to a CouchDB tombstone.
 */
export const VALIDATE_WORKSPACE_WRITE_SRC = `function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  function listed(group) {
    if (!group) return false;
    var names = group.names || [];
    var groupRoles = group.roles || [];
    if (userCtx.name && names.indexOf(userCtx.name) !== -1) return true;
    for (var i = 0; i < roles.length; i++) {
      if (groupRoles.indexOf(roles[i]) !== -1) return true;
    }
    return false;
  }
  var isAdmin = listed(secObj && secObj.admins);
  if (!userCtx.name) throw({ unauthorized: 'Masuk ke hub dulu.' });
  if (!isAdmin && !listed(secObj && secObj.members)) throw({ forbidden: 'Akun ini bukan anggota basis data ' + (userCtx.db || '') + '.' });
  if (newDoc._deleted === true && !isAdmin) throw({ forbidden: 'Dokumen tidak dihapus dari hub: pindahkan ke sampah.' });
}`;

function compile(src: string): ValidateDocUpdate {
  // The same text as the design document, made callable for tests and for checks before a write.
  return new Function(`return (${src});`)() as ValidateDocUpdate;
}

export const validateWorkspaceWrite: ValidateDocUpdate = compile(VALIDATE_WORKSPACE_WRITE_SRC);
