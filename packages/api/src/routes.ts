/** Every route of the REST API, for the OpenAPI document and the route/document test. */
import type { RouteContract } from './define-route.ts'
import {
  addApplication,
  getApplication,
  getContent,
  listApplications,
  listContent,
  removeApplication,
  reviseApplication,
  uploadContent,
} from './routes/applications.ts'
import { approveClient, listClients, rejectClient } from './routes/clients.ts'
import {
  listComponentMessages,
  listComponentSummaries,
  resetComponentCounts,
} from './routes/component-summaries.ts'
import {
  listDeploymentClients,
  listDeploymentSummaries,
  setDeploymentTargets,
} from './routes/deployment-summaries.ts'
import {
  createCollection,
  getCollection,
  listCollectionMembers,
  listCollections,
  listMembershipHistory,
  removeCollection,
  updateCollection,
} from './routes/collections.ts'
import {
  cancelDeployment,
  createDeployment,
  getDeployment,
  getDeploymentStatus,
  listDeployments,
  updateDeployment,
} from './routes/deployments.ts'
import { getHealth } from './routes/health.ts'
import { approveLink, listLinks, rejectLink } from './routes/links.ts'
import { getLossLedger } from './routes/loss.ts'
import { exportMessages, streamMessages } from './routes/message-export.ts'
import { listMessages } from './routes/messages.ts'
import { getNotification, listNotifications } from './routes/notifications.ts'
import { listStateMessages } from './routes/state-messages.ts'
import { getOpenApiDocument } from './routes/openapi.ts'
import { deleteQuery, listQueries, runQuery, saveQuery } from './routes/queries.ts'
import { dryRunRules, listRules, replaceRules } from './routes/rules.ts'
import { getSession, logIn, logOut } from './routes/session.ts'
import { getSeverityHistogram, listSiteSummaries, listSiteSystems } from './routes/site-summaries.ts'
import { raiseMessages } from './routes/provider.ts'
import { createToken, deleteToken, listTokens } from './routes/tokens.ts'
import { createUser, deleteUser, listUsers, updateUser } from './routes/users.ts'

/** The declared routes, in the order the document lists them. */
export const API_ROUTES: readonly RouteContract[] = [
  getHealth,
  getOpenApiDocument,
  logIn,
  getSession,
  logOut,
  listMessages,
  listQueries,
  saveQuery,
  deleteQuery,
  runQuery,
  listClients,
  approveClient,
  rejectClient,
  listRules,
  replaceRules,
  dryRunRules,
  getLossLedger,
  listLinks,
  approveLink,
  rejectLink,
  listUsers,
  createUser,
  updateUser,
  deleteUser,
  listTokens,
  createToken,
  deleteToken,
  raiseMessages,
  streamMessages,
  exportMessages,
  listComponentSummaries,
  listComponentMessages,
  resetComponentCounts,
  listSiteSystems,
  listSiteSummaries,
  getSeverityHistogram,
  listDeploymentSummaries,
  listDeploymentClients,
  setDeploymentTargets,
  listStateMessages,
  listApplications,
  getApplication,
  addApplication,
  reviseApplication,
  removeApplication,
  listContent,
  getContent,
  uploadContent,
  listCollections,
  getCollection,
  createCollection,
  updateCollection,
  removeCollection,
  listCollectionMembers,
  listMembershipHistory,
  listDeployments,
  getDeployment,
  createDeployment,
  updateDeployment,
  cancelDeployment,
  getDeploymentStatus,
  listNotifications,
  getNotification,
]
