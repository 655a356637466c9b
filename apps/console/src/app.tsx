import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client';
import type { ApiProblem } from './api/api-problem';
import { Shell } from './components/shell';
import { AccountPage } from './pages/account-page';
import { DeadLettersPage } from './pages/dead-letters-page';
import { DeliveriesPage } from './pages/deliveries-page';
import { DeliveryPage } from './pages/delivery-page';
import { SignInPage } from './pages/sign-in-page';
import { WebhookPage } from './pages/webhook-page';
import { NewWebhookPage, WebhooksPage } from './pages/webhooks-page';
import { parseRoute, type Route } from './route';
import { forgetKey, keepKey, storedKey } from './session';

function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** Signed out: the sign-in page. Signed in: the page of the URL hash, over the API. */
export function App() {
  const [key, setKey] = useState(storedKey);
  const [signOutReason, setSignOutReason] = useState<string>();
  const route = useHashRoute();

  const api = useMemo(
    () =>
      key
        ? new ApiClient(key, (problem: ApiProblem) => {
            forgetKey();
            setSignOutReason(`${problem.message} Sign in again.`);
            setKey(undefined);
          })
        : undefined,
    [key],
  );

  if (!api)
    return (
      <SignInPage
        reason={signOutReason}
        onSignedIn={(accepted) => {
          keepKey(accepted);
          setSignOutReason(undefined);
          setKey(accepted);
        }}
      />
    );

  const signOut = () => {
    forgetKey();
    setSignOutReason('Signed out.');
    setKey(undefined);
  };

  return (
    <Shell route={route} onSignOut={signOut}>
      {pageOf(route, api)}
    </Shell>
  );
}

function pageOf(route: Route, api: ApiClient) {
  switch (route.page) {
    case 'webhooks':
      return <WebhooksPage api={api} />;
    case 'new-webhook':
      return <NewWebhookPage api={api} />;
    case 'webhook':
      return <WebhookPage api={api} id={route.id} />;
    case 'deliveries':
      return <DeliveriesPage api={api} filters={route} />;
    case 'delivery':
      return <DeliveryPage api={api} id={route.id} />;
    case 'dead-letters':
      return <DeadLettersPage api={api} route={route} />;
    case 'account':
      return <AccountPage api={api} />;
  }
}
