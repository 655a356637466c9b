import { useEffect, useRef, type ReactNode } from 'react';
import { hrefOf, type Route } from '../route';

const sections: { label: string; route: Route; matches: Route['page'][] }[] = [
  {
    label: 'Webhooks',
    route: { page: 'webhooks' },
    matches: ['webhooks', 'new-webhook', 'webhook'],
  },
  { label: 'Deliveries', route: { page: 'deliveries' }, matches: ['deliveries', 'delivery'] },
  { label: 'Dead letters', route: { page: 'dead-letters' }, matches: ['dead-letters'] },
  { label: 'Account', route: { page: 'account' }, matches: ['account'] },
];

/** Header, navigation and the page; focus moves to the page's heading on each navigation. */
export function Shell(props: { route: Route; onSignOut: () => void; children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [props.route]);
  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">leadhooks</span>
        <nav aria-label="Sections">
          <ul>
            {sections.map((section) => (
              <li key={section.label}>
                <a
                  href={hrefOf(section.route)}
                  aria-current={section.matches.includes(props.route.page) ? 'page' : undefined}
                >
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="link" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
