/** The agent's version, reported at start and in its activity. */
export const AGENT_VERSION = '0.1.0'
