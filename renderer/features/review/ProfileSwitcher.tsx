import { useEffect, useId, useRef, useState } from 'react';
import type { InboxItem, PublicMember } from '@shared/api/contracts/review';
import { api } from '@ui/api/client';
import { ApiError } from '@shared/api/errors';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { useApiQuery } from '@ui/lib/query';
import { Dialog } from '@ui/lib/ui/Dialog';
import { fileToBase64, reviewError, setSession, touchInbox, useInboxVersion, useSession } from './session-store';


/**
 * Sidebar panel: who is at the shared PC (quick switch, optional PIN), what
 * waits for them, and the door for review files that arrive by WhatsApp or
 * flash drive.
 */
const INBOX_READS = ['reviews', 'reviewComments', 'audit', 'workspace'] as const;

export function ProfileSwitcher() {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const session = useSession();
  const inboxVersion = useInboxVersion();
  const [open, setOpen] = useState(false);
  const [pinFor, setPinFor] = useState<PublicMember | null>(null);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState('');
  const [showInbox, setShowInbox] = useState(false);
  const [settingPin, setSettingPin] = useState(false);
  const [busy, setBusy] = useState(false);
  /** First contact with an outside editor's key: shown until someone confirms or cancels. */
  const [trust, setTrust] = useState<{ file: File; name: string; fingerprint: string; publicKey: string } | null>(null);
  const [trustError, setTrustError] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  const me = session?.member ?? null;

  // Team edits in Settings change who can sign in.
  useEffect(() => {
    void api.call('session.get', {}).then(setSession, () => undefined);
  }, [workspace.team]);

  useIdleSignOut(me?.id ?? null, () => toast(t('session.idleEnded'), 'error'));

  // "Menunggu saya" follows the store's changes (a submission, a decision, a comment, a post arriving by sync).
  // Not every post save: a draft's autosave changes no inbox entry, and this panel is always mounted, so it listens
  // to the review records and the audit trail (every status change of a post is in it) instead of to posts.
  const inbox = useApiQuery('review.inbox', {}, { scope: [me?.id ?? null, inboxVersion], collections: INBOX_READS });
  const items: InboxItem[] = inbox.data?.items ?? [];

  const signIn = async (m: PublicMember, withPin?: string) => {
    setPinError('');
    try {
      const s = await api.call('session.signIn', { memberId: m.id, ...(withPin !== undefined ? { pin: withPin } : {}) });
      setSession(s);
      setOpen(false);
      setPinFor(null);
      setPin('');
      toast(t('review.profile.signedIn', { name: m.name }));
    } catch (e) {
      setPinError(reviewError(t, e));
    }
  };

  const choose = (m: PublicMember) => {
    if (m.hasPin) {
      setPinFor(m);
      setPin('');
      setPinError('');
    } else void signIn(m);
  };

  const importFile = async (file: File) => {
    setBusy(true);
    try {
      const r = await api.call('review.importPackage', { fileName: file.name, dataBase64: await fileToBase64(file) });
      touchInbox();
      // A file whose documents are here already (opened before, or synced since) brings no decision, comment or text.
      if ((r.text === 'unchanged' || r.text === 'kept_mine') && !r.decision && !r.comments && !r.suggestions) toast(t('review.import.nothingNew'));
      else if (r.text === 'conflict') toast(t('review.import.reply.conflict'), 'error');
      else if (r.kind === 'request') toast(t('review.import.request', { from: file.name }));
      else toast(t(`review.import.reply.${r.text}`));
      navigate('posts', r.postId, 'review');
    } catch (e) {
      const p = e instanceof ApiError ? e.params : undefined;
      if (p?.reason === 'key_unknown' && typeof p.publicKey === 'string') {
        setTrustError('');
        setTrust({ file, name: String(p.name ?? ''), fingerprint: String(p.fingerprint ?? ''), publicKey: p.publicKey });
      } else toast(reviewError(t, e), 'error');
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const confirmTrust = async () => {
    if (!trust) return;
    try {
      const r = await api.call('review.trustKey', { publicKey: trust.publicKey, name: trust.name || '?', role: 'editor' });
      toast(t('review.trust.done', { name: trust.name, fingerprint: r.fingerprint }));
      const file = trust.file;
      setTrust(null);
      await importFile(file);
    } catch (e) {
      setTrustError(reviewError(t, e));
    }
  };

  const members = session?.members ?? [];

  return (
    <section className="profile-panel" aria-label={t('review.profile.label')}>
      <div className="profile-current">
        <span className="profile-avatar" aria-hidden="true">
          {me ? me.name.slice(0, 1).toUpperCase() : '?'}
        </span>
        <span className="profile-who">
          <small>{t('review.profile.label')}</small>
          <strong data-testid="active-profile">{me ? me.name : t('review.profile.none')}</strong>
          {me && <small>{t(`review.role.${me.role}`)}</small>}
        </span>
      </div>
      {members.length === 0 ? (
        <p className="profile-hint">{t('review.profile.noTeam')}</p>
      ) : (
        <button type="button" className="profile-button" aria-expanded={open} onClick={() => (setOpen(!open), setPinFor(null))}>
          {t('review.profile.switch')}
        </button>
      )}
      {open && (
        <div className="profile-menu" role="group" aria-label={t('review.profile.choose')}>
          {!pinFor && (
            <ul>
              {members.map((m) => (
                <li key={m.id}>
                  <button type="button" className="profile-choice" aria-pressed={m.id === me?.id} onClick={() => choose(m)}>
                    {m.name} <small>· {t(`review.role.${m.role}`)}{m.hasPin ? ` · ${t('review.role.pinBadge')}` : ''}</small>
                  </button>
                </li>
              ))}
              {me && (
                <li>
                  <button
                    type="button"
                    className="profile-choice"
                    onClick={() => void api.call('session.signOut', {}).then((s) => (setSession(s), setOpen(false)))}
                  >
                    {t('review.profile.signOut')}
                  </button>
                </li>
              )}
            </ul>
          )}
          {pinFor && (
            <form
              className="profile-pin"
              onSubmit={(e) => {
                e.preventDefault();
                void signIn(pinFor, pin);
              }}
            >
              <label htmlFor={`${ids}-pin`}>{t('review.profile.pinFor', { name: pinFor.name })}</label>
              <input
                id={`${ids}-pin`}
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={8}
                autoFocus
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              />
              {pinError && (
                <p className="profile-error" role="alert">
                  {pinError}
                </p>
              )}
              <div className="row">
                <button type="submit" className="primary">
                  {t('review.profile.signIn')}
                </button>
                <button type="button" className="ghost" onClick={() => setPinFor(null)}>
                  {t('common.cancel')}
                </button>
              </div>
            </form>
          )}
          {pinError && !pinFor && (
            <p className="profile-error" role="alert">
              {pinError}
            </p>
          )}
          {me?.fingerprint && !pinFor && (
            <p className="profile-hint" data-testid="my-fingerprint">
              {t('review.profile.fingerprint', { fingerprint: me.fingerprint })}
            </p>
          )}
          {me && !pinFor && (
            <button type="button" className="profile-link" onClick={() => setSettingPin(!settingPin)} aria-expanded={settingPin}>
              {t('review.profile.setPin')}
            </button>
          )}
          {me && settingPin && !pinFor && <PinForm member={me} onDone={() => (setSettingPin(false), setOpen(false))} />}
        </div>
      )}

      {trust && (
        <Dialog labelledBy={`${ids}-trust`} onClose={() => setTrust(null)}>
            <h2 id={`${ids}-trust`}>{t('review.trust.title')}</h2>
            <p>{t('review.trust.body', { name: trust.name })}</p>
            <p>
              {t('review.trust.fingerprint')}: <strong className="fingerprint" data-testid="trust-fingerprint">{trust.fingerprint}</strong>
            </p>
            {trustError && (
              <p className="profile-error" role="alert">
                {trustError}
              </p>
            )}
            <div className="row">
              <button type="button" className="primary" onClick={() => void confirmTrust()}>
                {t('review.trust.confirm')}
              </button>
              <button type="button" className="ghost" onClick={() => setTrust(null)}>
                {t('review.trust.cancel')}
              </button>
            </div>
        </Dialog>
      )}

      {me && (
        <>
          <button
            type="button"
            className="profile-button inbox-button"
            aria-expanded={showInbox}
            onClick={() => setShowInbox(!showInbox)}
            data-testid="inbox-button"
          >
            {t('review.inbox.title')}
            <span className={`inbox-count${items.length ? ' has-items' : ''}`}>{items.length}</span>
          </button>
          {showInbox && (
            <ul className="inbox-list">
              {items.length === 0 && <li className="profile-hint">{t('review.inbox.empty')}</li>}
              {items.map((it) => (
                <li key={`${it.postId}-${it.reason}`}>
                  <a href={href('posts', it.postId, 'review')} onClick={() => setShowInbox(false)}>
                    <strong>{it.title || t('posts.untitled')}</strong>
                    <small>{t(`review.inbox.${it.reason}`, { by: it.by || '—', count: it.count ?? 0 })}</small>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <label className={`profile-button file-button${busy ? ' busy' : ''}`}>
        {busy ? t('review.import.busy') : t('review.import.button')}
        <input
          ref={fileRef}
          type="file"
          accept=".redaksi,application/zip"
          className="visually-hidden"
          data-testid="review-import"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f);
          }}
        />
      </label>
    </section>
  );
}

function PinForm({ member, onDone }: { member: PublicMember; onDone(): void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState('');
  const ids = useId();
  return (
    <form
      className="profile-pin"
      onSubmit={(e) => {
        e.preventDefault();
        setError('');
        api
          .call('session.setPin', { memberId: member.id, pin: next || null, ...(member.hasPin ? { currentPin: current } : {}) })
          .then(
            (s) => {
              setSession(s);
              toast(t(next ? 'review.profile.pinSaved' : 'review.profile.pinRemoved'));
              onDone();
            },
            (err) => setError(reviewError(t, err)),
          );
      }}
    >
      {member.hasPin && (
        <>
          <label htmlFor={`${ids}-cur`}>{t('review.profile.currentPin')}</label>
          <input id={`${ids}-cur`} type="password" inputMode="numeric" maxLength={8} value={current} onChange={(e) => setCurrent(e.target.value.replace(/\D/g, ''))} />
        </>
      )}
      <label htmlFor={`${ids}-new`}>{t('review.profile.newPin')}</label>
      <input id={`${ids}-new`} type="password" inputMode="numeric" maxLength={8} value={next} onChange={(e) => setNext(e.target.value.replace(/\D/g, ''))} />
      {error && (
        <p className="profile-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}

/** How often the UI tells the main process that someone is at the PC (input seen), and checks the sign-in. */
const ACTIVITY_EVERY_MS = 60_000;

/**
 * The idle timeout (issue 12) counts from the person's last input, not from
 * background refreshes: keyboard and pointer input is reported at most once a
 * minute, and the sign-in is checked once a minute, so the panel shows the
 * sign-out when the main process ended it.
 */
function useIdleSignOut(memberId: string | null, onEnded: () => void) {
  const ended = useRef(onEnded);
  ended.current = onEnded;
  useEffect(() => {
    if (!memberId) return;
    let last = 0;
    const ended_ = (signedIn: boolean) => {
      if (signedIn) return;
      void api.call('session.get', {}).then(setSession, () => undefined);
      ended.current();
    };
    const onInput = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void api.call('session.activity', {}).then((r) => ended_(r.signedIn), () => undefined);
    };
    const check = setInterval(() => {
      void api.call('session.get', {}).then((s) => {
        if (s.member) return;
        setSession(s);
        ended.current();
      }, () => undefined);
    }, ACTIVITY_EVERY_MS);
    window.addEventListener('keydown', onInput, true);
    window.addEventListener('pointerdown', onInput, true);
    return () => {
      clearInterval(check);
      window.removeEventListener('keydown', onInput, true);
      window.removeEventListener('pointerdown', onInput, true);
    };
  }, [memberId]);
}
