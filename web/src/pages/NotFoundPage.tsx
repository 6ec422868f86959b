import { useEffect } from 'react';
import { Link } from '../lib/router';

export function NotFoundPage() {
  useEffect(() => {
    document.title = 'Not found · Flowlens';
  }, []);
  return (
    <div className="page-head">
      <div>
        <h1>This page does not exist</h1>
        <p className="page-sub">
          The address may be mistyped, or the link out of date. <Link href="/">Go to the overview</Link>.
        </p>
      </div>
    </div>
  );
}
