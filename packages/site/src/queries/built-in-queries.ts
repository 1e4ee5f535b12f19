/**
 * The built-in status message queries of ConfigMgr (reference §13) as data: a filter in the
 * query-string shape of `GET /api/v1/messages` and the prompts whose values fill the filter
 * field of the same name.
 */

import type { PROMPT_TYPES } from '@sitrep/api'

/** Kinds of prompt the console offers an input for (declared with the API contract). */
export type PromptType = (typeof PROMPT_TYPES)[number]

/** One prompted parameter: its value fills `filter[name]`. */
export interface QueryPrompt {
  readonly name: string
  readonly label: string
  readonly type: PromptType
}

/** A filter as `GET /api/v1/messages` takes it: field → value (or values, for repeatable fields). */
export type QueryFilter = Readonly<Record<string, string | number | readonly (string | number)[]>>

/** A named query. */
export interface NamedQuery {
  readonly id: string
  readonly name: string
  readonly builtIn: boolean
  readonly filter: QueryFilter
  readonly prompts: readonly QueryPrompt[]
}

const site: QueryPrompt = { name: 'siteCode', label: 'Site code', type: 'siteCode' }
const since: QueryPrompt = { name: 'since', label: 'Prompted time (since)', type: 'time' }
const deployment: QueryPrompt = { name: 'attributeValue', label: 'Deployment ID', type: 'text' }
const sd = { module: 'SMS Client', component: 'Software Distribution', attributeId: 401 }

const q = (id: string, name: string, filter: QueryFilter, prompts: readonly QueryPrompt[]): NamedQuery => ({
  id: `builtin:${id}`,
  name,
  builtIn: true,
  filter,
  prompts,
})

/** The built-in queries, in the console's order. */
export const BUILT_IN_QUERIES: readonly NamedQuery[] = Object.freeze([
  q('all', 'All Status Messages', {}, [since]),
  q('site', 'All Status Messages from a Specific Site', {}, [site, since]),
  q('system', 'All Status Messages from a Specific System', {}, [
    { name: 'machine', label: 'System', type: 'machine' },
    since,
  ]),
  q('component-at-site', 'All Status Messages from a Specific Component at a Specific Site', {}, [
    site,
    { name: 'component', label: 'Component', type: 'component' },
    since,
  ]),
  q(
    'severity-source-site',
    'All Status Messages of a Specific Severity from a Specific Source at a Specific Site',
    {},
    [
      site,
      { name: 'module', label: 'Source (module)', type: 'text' },
      { name: 'severity', label: 'Severity', type: 'severity' },
      since,
    ],
  ),
  q(
    'deployment-at-site',
    'All Status Messages for a Specific Deployment at a Specific Site',
    { attributeId: 401 },
    [site, deployment, since],
  ),
  q('package', 'All Status Messages for a Specific Package', { attributeId: 400 }, [
    { name: 'attributeValue', label: 'Package ID', type: 'text' },
    since,
  ]),
  q('collection', 'All Status Messages for a Specific Collection', { attributeId: 402 }, [
    { name: 'attributeValue', label: 'Collection ID', type: 'text' },
    since,
  ]),
  q(
    'audit-user',
    'All Audit Status Messages for a Specific User',
    { messageType: 'audit', attributeId: 403 },
    [{ name: 'attributeValue', label: 'User name', type: 'text' }, since],
  ),
  q('received', 'Clients That Received a Specific Deployed Program', { ...sd, messageId: 10002 }, [
    deployment,
    since,
  ]),
  q('started', 'Clients That Started a Specific Deployed Program', { ...sd, messageId: 10005 }, [
    deployment,
    since,
  ]),
  q(
    'failed',
    'Clients That Failed to Run a Specific Deployed Program',
    { ...sd, messageId: [10006, 10007] },
    [deployment, since],
  ),
  q(
    'succeeded',
    'Clients That Ran a Specific Deployed Program Successfully',
    { ...sd, messageId: [10008, 10009] },
    [deployment, since],
  ),
  q('fatal', 'Server Components Experiencing Fatal Errors', { module: 'SMS Server', severity: 'error' }, [
    site,
    since,
  ]),
])

/**
 * Fills a query's filter with prompt values (a prompt value replaces the filter field of the
 * same name; prompts left empty are left out). Values are strings, as from a query string.
 */
export function fillPrompts(
  query: Pick<NamedQuery, 'filter' | 'prompts'>,
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...query.filter }
  for (const prompt of query.prompts) {
    const value = values[prompt.name]
    if (value !== undefined && value !== '') out[prompt.name] = value
  }
  return out
}
