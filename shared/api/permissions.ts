import type { API_METHOD_NAMES } from './method-names';
import type { Role } from '@shared/domain/workspace';

type Method = (typeof API_METHOD_NAMES)[number];

/**
 * Who may call each method (issue 12), checked in the core's dispatcher for
 * both transports, so no screen and no script can skip it.
 *
 *   read     anyone at the PC (the app shows data before someone signs in)
 *   session  signing in and out
 *   write    a signed-in member of the team, any role
 *   publish  a signed-in editor or admin (queueing for the channels)
 *   admin    a signed-in admin (settings, team, connections, restore); while
 *            the team has no admin, an editor acts as one
 *
 * While the team is empty (first run, one person setting up), every method
 * is open: there is nobody to sign in as yet. Making a backup changes no
 * record, so anyone may. Finer rules (nobody approves
 * their own post, a PIN only by its owner) stay in the handlers.
 */
export type Access = 'read' | 'session' | 'write' | 'publish' | 'admin';

export const METHOD_ACCESS: Record<Method, Access> = {
  'app.info': 'read',
  'app.dismissNotice': 'write',
  'app.notify': 'read',
  'app.changes': 'read',
  'settings.get': 'read',
  'settings.update': 'admin',
  'backups.list': 'read',
  'backups.create': 'read',
  'backups.restore': 'admin',
  'dev.setClockOffset': 'write',

  'posts.list': 'read',
  'posts.get': 'read',
  'posts.create': 'write',
  'posts.update': 'write',
  'posts.trash': 'write',
  'posts.restore': 'write',
  'posts.purge': 'write',
  'posts.versions': 'read',
  'posts.versionsPage': 'read',
  'posts.versionGet': 'read',
  'posts.versionDiff': 'read',
  'posts.versionRestore': 'write',
  'posts.spellcheck': 'read',
  'posts.dictionaryAdd': 'write',
  'posts.dictionaryAddMany': 'write',
  'posts.dictionaryRemove': 'write',

  'cards.list': 'read',
  'cards.get': 'read',
  'cards.create': 'write',
  'cards.update': 'write',
  'cards.trash': 'write',
  'cards.restore': 'write',
  'cards.preview': 'read',
  'cards.check': 'read',
  'cards.previewKit': 'read',
  'cards.layers': 'read',
  'cards.emoji': 'read',
  'cards.export': 'read',
  'cards.attach': 'write',
  'cards.importLogo': 'write',

  'media.import': 'write',
  'media.list': 'read',
  'media.get': 'read',
  'media.update': 'write',
  'media.trash': 'write',
  'media.restore': 'write',
  'media.render': 'read',
  'media.batchStart': 'read',
  'media.batchStatus': 'read',
  'media.batchCancel': 'read',
  'media.saveFolder': 'read',
  'media.batchSaveToFolder': 'read',

  'publishing.overview': 'read',
  'publishing.job': 'read',
  'publishing.variants': 'read',
  'publishing.saveVariants': 'write',
  'publishing.schedule': 'publish',
  'publishing.findOnSite': 'publish',
  'publishing.adopt': 'publish',
  'publishing.reschedule': 'publish',
  'publishing.resolve': 'write',
  'publishing.kick': 'read',
  'connections.save': 'admin',
  'connections.delete': 'admin',
  'connections.test': 'write',
  'connections.xAuthStart': 'admin',
  'connections.xAuthStatus': 'admin',
  'connections.xAuthCancel': 'admin',
  'connections.xDisconnect': 'admin',
  'connections.wpUsers': 'admin',
  'connections.setAuthors': 'admin',
  'publishing.exportZip': 'read',
  'publishing.exportBatch': 'read',
  'publishing.importZip': 'write',

  'session.get': 'session',
  'session.signIn': 'session',
  'session.signOut': 'session',
  'session.activity': 'session',
  'session.setPin': 'write',

  'review.get': 'read',
  'review.submit': 'write',
  'review.approve': 'write',
  'review.requestChanges': 'write',
  'review.comment': 'write',
  'review.resolveComment': 'write',
  'review.suggest': 'write',
  'review.decideSuggestion': 'write',
  'review.resolveConflict': 'write',
  'review.inbox': 'read',
  'review.audit': 'read',
  'review.auditPage': 'read',
  'review.auditCsv': 'read',
  'review.approvalSheet': 'read',
  'review.exportPackage': 'write',
  'review.importPackage': 'write',
  'review.trustKey': 'write',

  'activity.overview': 'read',
  'activity.report': 'read',
  'activity.days': 'read',
  'activity.exportPdf': 'read',
  'activity.exportCsv': 'read',
  'activity.saveChart': 'read',

  'complaints.list': 'read',
  'complaints.get': 'read',
  'complaints.create': 'write',
  'complaints.update': 'write',
  'complaints.transition': 'write',
  'complaints.approve': 'write',
  'complaints.markFirstReply': 'write',
  'complaints.trash': 'write',
  'complaints.importCsv': 'write',
  'complaints.exportCsv': 'read',
  'complaints.verify': 'write',
  'complaints.changeDeadline': 'write',

  'sync.status': 'read',
  'sync.conflicts': 'read',
  'hub.get': 'read',
  'hub.save': 'admin',
  'hub.signIn': 'write',
  'hub.signOut': 'write',
  'hub.test': 'write',

  'pantauan.settings': 'read',
  'pantauan.saveSettings': 'admin',
  'pantauan.ranking': 'read',
  'pantauan.opd': 'read',
  'pantauan.exportFile': 'read',
  'pantauan.importFile': 'write',
  'pantauan.exportReport': 'read',
  'sync.refused': 'read',
  'sync.conflict': 'read',
  'sync.resolveConflict': 'write',
  'sync.job': 'read',
  'sync.takeOverJob': 'publish',
  'sync.cancelFirstSync': 'session',
  'sync.resumeFirstSync': 'session',
};

export type AccessDenial = 'not_signed_in' | 'role_cannot_publish' | 'role_admin_only';

/** Whether a member (null: nobody signed in) of this team may call a method with this access; null when allowed. */
export function accessDenial(access: Access, team: readonly { role: Role }[], member: { role: Role } | null): AccessDenial | null {
  if (access === 'read' || access === 'session' || team.length === 0) return null;
  // While nobody on the team holds authority (no editor, no admin), setting up stays open: there is no role to escalate past.
  if (access === 'admin' && !team.some((m) => m.role === 'admin' || m.role === 'editor')) return null;
  if (!member) return 'not_signed_in';
  if (access === 'publish' && member.role !== 'editor' && member.role !== 'admin') return 'role_cannot_publish';
  if (access === 'admin') {
    const hasAdmin = team.some((m) => m.role === 'admin');
    if (member.role !== 'admin' && !(member.role === 'editor' && !hasAdmin)) return 'role_admin_only';
  }
  return null;
}
