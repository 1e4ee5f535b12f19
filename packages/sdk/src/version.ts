/** The SDK's version, sent at registration as the agent version. */
export const SDK_VERSION = '0.1.0'
