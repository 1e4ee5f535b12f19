/** The console's screens, in navigation order, and which one a hash path shows. */
import type { ComponentType } from 'react'
import { ApplicationsScreen } from './features/applications/applications-screen.tsx'
import { ClientsScreen } from './features/clients/clients-screen.tsx'
import { CollectionsScreen } from './features/collections/collections-screen.tsx'
import { ComponentStatusScreen } from './features/components/component-status-screen.tsx'
import { DeploymentsScreen } from './features/deployments/deployments-screen.tsx'
import { LossScreen } from './features/loss/loss-screen.tsx'
import { MessageViewerScreen } from './features/messages/message-viewer-screen.tsx'
import { OverviewScreen } from './features/overview/overview-screen.tsx'
import { RulesScreen } from './features/rules/rules-screen.tsx'
import { SiteSystemsScreen } from './features/site-systems/site-systems-screen.tsx'
import type { Route } from './router/parse-route.ts'

export interface Screen {
  readonly path: string
  readonly title: string
  readonly component: ComponentType<{ route: Route }>
}

export const SCREENS: readonly Screen[] = [
  { path: '/', title: 'Overview', component: OverviewScreen },
  { path: '/components', title: 'Component status', component: ComponentStatusScreen },
  { path: '/site-systems', title: 'Site system status', component: SiteSystemsScreen },
  { path: '/deployments', title: 'Deployments', component: DeploymentsScreen },
  { path: '/applications', title: 'Applications', component: ApplicationsScreen },
  { path: '/collections', title: 'Collections', component: CollectionsScreen },
  { path: '/messages', title: 'Status messages', component: MessageViewerScreen },
  { path: '/rules', title: 'Filter rules', component: RulesScreen },
  { path: '/clients', title: 'Clients', component: ClientsScreen },
  { path: '/loss', title: 'Loss ledger', component: LossScreen },
]

/** The screen of `path`; an unknown path shows the overview. */
export function screenFor(path: string): Screen {
  // SCREENS is a non-empty literal, so its first entry exists.
  return SCREENS.find((s) => s.path === path) ?? (SCREENS[0] as Screen)
}
