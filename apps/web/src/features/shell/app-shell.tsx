'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { navigation } from './navigation';

export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>
          Conflux
        </div>
        <nav aria-label="Main">
          {navigation.map((section) => (
            <div key={section.title} className="nav-section">
              <div className="nav-title">{section.title}</div>
              <ul>
                {section.items.map((item) => (
                  <li key={item.href}>
                    {item.available ? (
                      <Link
                        href={item.href}
                        title={item.description}
                        className={pathname === item.href ? 'nav-link active' : 'nav-link'}
                        aria-current={pathname === item.href ? 'page' : undefined}
                      >
                        {item.label}
                      </Link>
                    ) : (
                      <span className="nav-link disabled" title={`${item.description} (not available yet)`} aria-disabled>
                        {item.label} <span className="badge">soon</span>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </aside>
      <main className="content">{children}</main>
    </div>
  );
}
