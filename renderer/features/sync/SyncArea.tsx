import { useState } from 'react';
import { ConflictResolver } from './ConflictResolver';
import { SyncPage } from './SyncPage';

/**
 * Pengaturan → Sinkron: the hub account and sync state (SyncPage), and
 * below it the resolver for the conflict chosen in the page's list, with
 * the hub versions refused on arrival ("trust this key").
 */
export function SyncArea() {
  const [open, setOpen] = useState<{ id: string } | null>(null);
  return (
    <>
      <SyncPage
        onResolve={(c) => {
          if (c.collection !== 'posts') return;
          setOpen({ id: c.id });
          requestAnimationFrame(() => document.getElementById('sync-resolver')?.scrollIntoView({ block: 'start' }));
        }}
      />
      <div id="sync-resolver" className="page sync-resolver">
        <ConflictResolver hideList openPostId={open} onChanged={() => setOpen(null)} />
      </div>
    </>
  );
}
