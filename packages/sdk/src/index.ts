// Public API of @sitrep/sdk: the three ways to report (StatusEvent, the three-call API,
// MpMessaging), the client they report through, registration, transports, the spool and errors.
export { createSitrepClient } from './client.ts'
export type { SitrepClient, SitrepClientOptions, MessageInput } from './client.ts'
export { StatusEvent, DEFAULT_EVENT_COMPONENT } from './report/status-event.ts'
export type { StatusEventOptions } from './report/status-event.ts'
export { createStatusMessageApi } from './report/status-message-api.ts'
export type {
  StatusMessageApi,
  StatusMessageApiOptions,
  StatusMessageHandle,
  CreateStatusMessageInput,
  CreateStatusMessageResult,
  ReportStatusMessageInput,
} from './report/status-message-api.ts'
export { createSequenceAllocator, SEQUENCE_BLOCK_SIZE } from './report/sequence-allocator.ts'
export type { SequenceAllocator } from './report/sequence-allocator.ts'
export { createMpMessaging, MpMessage, MP_ENDPOINTS, endpointRoute } from './messaging/mp-messaging.ts'
export type {
  MpMessaging,
  MpMessagingOptions,
  MpEndpoint,
  MessageSecurity,
  MessageAttachment,
} from './messaging/mp-messaging.ts'
export { register } from './identity/register.ts'
export { siteStateDir, SITES_FOLDER } from './identity/site-state-dir.ts'
export type { RegisterOptions, RegistrationResult } from './identity/register.ts'
export {
  loadOrCreateIdentity,
  rawPublicKey,
  REGISTRATION_STATUSES,
  STATE_FILES,
} from './identity/client-identity.ts'
export type {
  ClientIdentity,
  RegistrationStatus,
  RegistrationStatusName,
  SavedRegistration,
} from './identity/client-identity.ts'
export {
  signingBytes,
  signRequest,
  registrationProof,
  SIGNATURE_SCHEME,
  SIGNATURE_HEADERS,
  REGISTRATION_PROOF_SCHEME,
} from './identity/sign-request.ts'
export type { RequestSigner, SignedParts } from './identity/sign-request.ts'
export { createTransport, parseTarget } from './transport/transport.ts'
export type {
  Transport,
  TransportRequest,
  TransportResponse,
  TransportOptions,
  Target,
} from './transport/transport.ts'
export { createHttpTransport } from './transport/http-transport.ts'
export type { HttpTransportOptions } from './transport/http-transport.ts'
export { createSocketTransport } from './transport/socket-transport.ts'
export { DEFAULT_TIMEOUT_MS, callMp, readJson } from './transport/call-mp.ts'
export type { MpCall } from './transport/call-mp.ts'
export { parseStatusReply, STATUS_RESULTS } from './transport/status-reply.ts'
export type { StatusReply, StatusResult, StatusResultName } from './transport/status-reply.ts'
export { openSpool, readDeadLetters, SPOOL_DEFAULTS } from './spool/spool.ts'
export type {
  Spool,
  SpoolOptions,
  SpooledMessage,
  DeliverBatch,
  BatchOutcome,
  DeadLetter,
} from './spool/spool.ts'
export { deliverSpool } from './spool/deliver-spool.ts'
export type { DeliverSpoolOptions, DeliveryResult } from './spool/deliver-spool.ts'
export { retryDelayMs, RETRY_DEFAULTS } from './spool/retry-delay.ts'
export type { RetryDelayOptions } from './spool/retry-delay.ts'
export {
  SitrepError,
  SitrepHttpError,
  SitrepRequestError,
  SitrepAuthError,
  SitrepUnavailableError,
  SitrepNetworkError,
  SitrepInvalidMessageError,
  SitrepSpoolError,
  MP_ERROR_CODES,
  SDK_ERROR_CODES,
  isRetryableError,
} from './errors.ts'
export type { SitrepErrorCode, MpErrorCode, SdkErrorCode, HttpErrorDetails } from './errors.ts'
export { SDK_VERSION } from './version.ts'
// callMp/readJson are public for the agent, which makes signed policy and content calls.
// Left out on purpose: the lock file and durable-file helpers, httpErrorFromReply/parseRetryAfter
// (used by the transports only).
export { createSiteProvider, SITE_PROVIDER_TIMEOUT_MS } from './provider/site-provider.ts'
export type {
  ProviderRaiseOptions,
  RaisedMessage,
  SiteProvider,
  SiteProviderOptions,
} from './provider/site-provider.ts'
export { ApiError, isApiError } from '@sitrep/api'
export type { RaiseItem, RaiseResult } from '@sitrep/api'
export { createPolicyClient } from './policy/policy-client.ts'
export type { PolicyClient, PolicyClientOptions, DownloadResult } from './policy/policy-client.ts'
export { verifySignedPolicy } from './policy/verify-policy.ts'
export type { PolicyKey } from './policy/verify-policy.ts'
