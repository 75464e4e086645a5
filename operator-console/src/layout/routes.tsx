// The console's pages by role: the menu and the router both read this list (the one place a page
// is added). The bureau's dashboards and the merchant's disputes join their role's group when their
// API exists.
import type { ReactNode } from 'react';
import type { AccessName } from '../access/access';
import type { MessageKey } from '../i18n/zh-CN';
import { ParticipantsPage } from '../pages/admin/ParticipantsPage';
import { ProgramsPage } from '../pages/admin/ProgramsPage';
import { SecretsStatusPage } from '../pages/admin/SecretsStatusPage';
import { SigningKeysPage } from '../pages/admin/SigningKeysPage';
import { StaffPage } from '../pages/admin/StaffPage';
import { AuditHealthPage } from '../pages/bureau/AuditHealthPage';
import { CosignPage } from '../pages/bureau/CosignPage';
import { DashboardsPage } from '../pages/bureau/DashboardsPage';
import { MethodologiesPage } from '../pages/bureau/MethodologiesPage';
import { OffersPage } from '../pages/merchant/OffersPage';
import { RedemptionsPage } from '../pages/merchant/RedemptionsPage';
import { StoresPage } from '../pages/merchant/StoresPage';
import { ClearingPage } from '../pages/clearing/ClearingPage';
import { ParticipantCyclesPage } from '../pages/clearing/ParticipantCyclesPage';
import { BindingTokensPage } from '../pages/operator/BindingTokensPage';
import { CallbackPage } from '../pages/operator/CallbackPage';
import { EventsPage } from '../pages/operator/EventsPage';
import { FundingPage } from '../pages/operator/FundingPage';
import { OwnApiKeysPage, OwnWebhookSecretsPage } from '../pages/shared/OwnCredentialsPages';

export interface ConsolePage {
  path: string;
  name: MessageKey;
  element: ReactNode;
  /** Needs a program chosen (every page but the admin's program list). */
  scoped: boolean;
}

export interface ConsoleSection {
  name: MessageKey;
  /** Who sees the section: any of these. */
  access: AccessName[];
  pages: ConsolePage[];
}

export const SECTIONS: ConsoleSection[] = [
  {
    name: 'menu.admin',
    access: ['admin'],
    pages: [
      { path: '/admin/programs', name: 'menu.programs', element: <ProgramsPage />, scoped: false },
      {
        path: '/admin/participants',
        name: 'menu.participants',
        element: <ParticipantsPage />,
        scoped: true,
      },
      { path: '/admin/staff', name: 'menu.staff', element: <StaffPage />, scoped: true },
      {
        path: '/admin/secrets',
        name: 'menu.secrets',
        element: <SecretsStatusPage />,
        scoped: false,
      },
      {
        path: '/admin/signing-keys',
        name: 'menu.signingKeys',
        element: <SigningKeysPage />,
        scoped: true,
      },
    ],
  },
  {
    name: 'menu.operator',
    access: ['operator'],
    pages: [
      { path: '/operator/events', name: 'menu.events', element: <EventsPage />, scoped: true },
      { path: '/operator/funding', name: 'menu.funding', element: <FundingPage />, scoped: true },
      {
        path: '/operator/callback',
        name: 'menu.callback',
        element: <CallbackPage />,
        scoped: true,
      },
      {
        path: '/operator/cycles',
        name: 'menu.cycles',
        element: <ParticipantCyclesPage />,
        scoped: true,
      },
      {
        path: '/operator/api-keys',
        name: 'menu.apiKeys',
        element: <OwnApiKeysPage />,
        scoped: true,
      },
      {
        path: '/operator/webhook-secrets',
        name: 'menu.webhookSecrets',
        element: <OwnWebhookSecretsPage />,
        scoped: true,
      },
      {
        path: '/operator/binding-tokens',
        name: 'menu.bindingTokens',
        element: <BindingTokensPage />,
        scoped: true,
      },
      {
        path: '/operator/dashboards',
        name: 'menu.dashboards',
        element: <DashboardsPage />,
        scoped: true,
      },
    ],
  },
  {
    name: 'menu.bureau',
    access: ['bureau', 'admin'],
    pages: [
      {
        path: '/bureau/methodologies',
        name: 'menu.methodologies',
        element: <MethodologiesPage />,
        scoped: true,
      },
      { path: '/bureau/clearing', name: 'menu.clearing', element: <ClearingPage />, scoped: true },
      { path: '/bureau/audit', name: 'menu.audit', element: <AuditHealthPage />, scoped: true },
      { path: '/bureau/cosign', name: 'menu.cosign', element: <CosignPage />, scoped: true },
      {
        path: '/bureau/dashboards',
        name: 'menu.dashboards',
        element: <DashboardsPage />,
        scoped: true,
      },
    ],
  },
  {
    name: 'menu.merchant',
    access: ['merchant'],
    pages: [
      { path: '/merchant/stores', name: 'menu.stores', element: <StoresPage />, scoped: true },
      { path: '/merchant/offers', name: 'menu.offers', element: <OffersPage />, scoped: true },
      {
        path: '/merchant/redemptions',
        name: 'menu.redemptions',
        element: <RedemptionsPage />,
        scoped: true,
      },
      {
        path: '/merchant/cycles',
        name: 'menu.cycles',
        element: <ParticipantCyclesPage />,
        scoped: true,
      },
      {
        path: '/merchant/api-keys',
        name: 'menu.apiKeys',
        element: <OwnApiKeysPage />,
        scoped: true,
      },
    ],
  },
];
