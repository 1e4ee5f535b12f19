// Public API of @sitrep/api: the REST API contract. Route declarations (zod schemas of params,
// query, body and replies), the error codes and body, the OpenAPI generator and a typed caller.
// Nothing here does I/O, so the console bundles it for the browser.
export { ROLES, NO_CONTENT, defineRoute } from './define-route.ts'
export type {
  Role,
  RouteAuth,
  RouteBody,
  RouteContract,
  RouteMethod,
  RouteParams,
  RouteQuery,
  RouteReply,
} from './define-route.ts'
export { API_ERROR_CODES, API_ERROR_STATUS, ErrorBodySchema, FieldIssueSchema } from './error-body.ts'
export type { ApiErrorCode, ErrorBody } from './error-body.ts'
export { IsoTime, IsoTimeText, NewPassword, RoleName, Username, safeText } from './fields.ts'
export { COMMON_ERROR_CODES, buildOpenApiDocument } from './openapi.ts'
export type { OpenApiInfo } from './openapi.ts'
export { ApiError, callRoute, isApiError, routePath, toApiError, toQueryString } from './api-client.ts'
export type { ApiIssue, ApiRequest, ApiResponse, ApiTransport, QueryValue, RouteInput } from './api-client.ts'
export { API_ROUTES } from './routes.ts'
export { getHealth } from './routes/health.ts'
export { getOpenApiDocument } from './routes/openapi.ts'
export { TokenViewSchema, createToken, deleteToken, listTokens } from './routes/tokens.ts'
export type { TokenView } from './routes/tokens.ts'
export {
  CLIENT_STATUSES,
  ClientViewSchema,
  approveClient,
  listClients,
  rejectClient,
} from './routes/clients.ts'
export type { ClientView } from './routes/clients.ts'
export { SITE_LINK_STATUSES, SiteLinkViewSchema, approveLink, listLinks, rejectLink } from './routes/links.ts'
export type { SiteLinkView } from './routes/links.ts'
export { LOSS_REASONS, LossRowSchema, getLossLedger } from './routes/loss.ts'
export { getNotification, listNotifications } from './routes/notifications.ts'
export type { NotificationView } from './routes/notifications.ts'
export type { LossRow } from './routes/loss.ts'
export {
  IsoTimeParam,
  MessageFilterShape,
  MessageListQuerySchema,
  MessagePageSchema,
  MessageViewSchema,
  listMessages,
} from './routes/messages.ts'
export type { MessagePage, MessageView } from './routes/messages.ts'
export { DryRunReportSchema, FilterRuleSchema, dryRunRules, listRules, replaceRules } from './routes/rules.ts'
export { SessionUserSchema, getSession, logIn, logOut } from './routes/session.ts'
export { UserViewSchema, createUser, deleteUser, listUsers, updateUser } from './routes/users.ts'
export type { UserView } from './routes/users.ts'
export {
  GENERIC_TEXT_MAX_LENGTH,
  GenericRaiseSchema,
  PROVIDER_RESERVED_MODULES,
  RAISE_AUTH,
  RAISE_BATCH_MAX,
  RaiseItemSchema,
  RaiseResultSchema,
  RawRaiseSchema,
  raiseMessages,
} from './routes/provider.ts'
export type { RaiseItem, RaiseResult } from './routes/provider.ts'
export {
  NamedQuerySchema,
  PROMPT_TYPES,
  QUERY_NAME_MAX,
  QueryFilterSchema,
  QueryPromptSchema,
  deleteQuery,
  listQueries,
  runQuery,
  saveQuery,
} from './routes/queries.ts'
export type { NamedQueryView } from './routes/queries.ts'
export {
  ComponentSummaryViewSchema,
  SiteCodeParam,
  SummaryIntervalSchema,
  SummaryStatusSchema,
  SummaryWindowParam,
  listComponentMessages,
  listComponentSummaries,
  resetComponentCounts,
} from './routes/component-summaries.ts'
export type { ComponentSummaryView } from './routes/component-summaries.ts'
export {
  HistogramBucketSchema,
  SiteSummaryViewSchema,
  StorageObjectViewSchema,
  getSeverityHistogram,
  listSiteSummaries,
  listSiteSystems,
} from './routes/site-summaries.ts'
export type { HistogramBucket, SiteSummaryView, StorageObjectView } from './routes/site-summaries.ts'
export {
  DEPLOYMENT_COUNTERS,
  DeploymentClientViewSchema,
  DeploymentSummaryViewSchema,
  listDeploymentClients,
  listDeploymentSummaries,
  setDeploymentTargets,
} from './routes/deployment-summaries.ts'
export type { DeploymentClientView, DeploymentSummaryView } from './routes/deployment-summaries.ts'
export {
  EXPORT_FORMATS,
  MessageExportQuerySchema,
  exportMessages,
  streamMessages,
} from './routes/message-export.ts'
export {
  StateMessageListQuerySchema,
  StateMessagePageSchema,
  StateMessageViewSchema,
  StateReportViewSchema,
  listStateMessages,
} from './routes/state-messages.ts'
export type { StateMessagePage, StateMessageView } from './routes/state-messages.ts'
// Software distribution (docs/software-distribution.md).
export {
  ApplicationInputSchema,
  ApplicationViewSchema,
  ContentViewSchema,
  addApplication,
  getApplication,
  getContent,
  listApplications,
  listContent,
  removeApplication,
  reviseApplication,
  uploadContent,
} from './routes/applications.ts'
export type { ApplicationView, ContentView } from './routes/applications.ts'
export {
  CollectionMemberSchema,
  CollectionViewSchema,
  MembershipChangeSchema,
  createCollection,
  getCollection,
  listCollectionMembers,
  listCollections,
  listMembershipHistory,
  removeCollection,
  updateCollection,
} from './routes/collections.ts'
export type { CollectionView } from './routes/collections.ts'
export {
  ClientDeploymentStateSchema,
  DeploymentSettingsViewSchema,
  DeploymentStatusSchema,
  DeploymentViewSchema,
  cancelDeployment,
  createDeployment,
  getDeployment,
  getDeploymentStatus,
  listDeployments,
  updateDeployment,
} from './routes/deployments.ts'
export type { DeploymentStatusView, DeploymentView } from './routes/deployments.ts'
