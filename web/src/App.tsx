/** The screens and their paths. The overview is in the first bundle; the others load on demand. */
import { type ComponentType, lazy, Suspense } from 'react';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { matchPath, useLocation } from './lib/router';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/OverviewPage';

const ValueStreamPage = lazy(() => import('./pages/ValueStreamPage'));
const TeamPage = lazy(() => import('./pages/TeamPage'));
const ItemPage = lazy(() => import('./pages/ItemPage'));
const ComparePage = lazy(() => import('./pages/ComparePage'));
const DataQualityPage = lazy(() => import('./pages/DataQualityPage'));
const ForecastPage = lazy(() => import('./pages/ForecastPage'));
const InsightsPage = lazy(() => import('./pages/InsightsPage'));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage'));
const RolesPage = lazy(() => import('./pages/RolesPage'));
const NetworkPage = lazy(() => import('./pages/NetworkPage'));
const MappingsPage = lazy(() => import('./pages/MappingsPage'));
const MappingSourcePage = lazy(() => import('./pages/MappingSourcePage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));

type Params = Record<string, string>;
const ROUTES: readonly [string, ComponentType<{ params: Params }>][] = [
  ['/', OverviewPage],
  ['/value-streams/:id', ValueStreamPage],
  ['/teams/:id', TeamPage],
  ['/items/:source/:id', ItemPage],
  ['/compare', ComparePage],
  ['/data-quality', DataQualityPage],
  ['/forecast', ForecastPage],
  ['/insights', InsightsPage],
  ['/organisation', OrganisationPage],
  ['/roles', RolesPage],
  ['/network', NetworkPage],
  ['/mappings', MappingsPage],
  ['/mappings/:source', MappingSourcePage],
  ['/login', LoginPage],
];

export function App() {
  const { pathname } = useLocation();
  let page = <NotFoundPage />;
  for (const [pattern, Page] of ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params !== null) {
      page = <Page params={params} />;
      break;
    }
  }
  return (
    <Layout>
      <Suspense fallback={<Loading label="the screen" height={240} />}>
        <div key={pathname} data-screen={pathname}>
          {page}
        </div>
      </Suspense>
    </Layout>
  );
}
