import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '@/features/shell/app-shell';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Conflux',
  description: 'Self-hosted low-code integration platform',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
