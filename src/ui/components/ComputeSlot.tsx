/**
 * Where ComputeStatus speaks: a live region always in the page (so screen readers hear a long run start, end
 * and be cancelled), holding ComputeStatus once there is something to say. ComputeStatus is loaded then,
 * not with the page: most visits never run anything long.
 */
import { lazy, Suspense } from 'react';
import { useApp } from '../../store';

const ComputeStatus = lazy(() => import('./ComputeStatus').then((m) => ({ default: m.ComputeStatus })));

export function ComputeSlot() {
  const shown = useApp((s) => s.computing !== null || s.cancelled || s.pageLimit !== null);
  return (
    <div className="compute-status" role="status">
      {shown && (
        <Suspense fallback={null}>
          <ComputeStatus />
        </Suspense>
      )}
    </div>
  );
}
