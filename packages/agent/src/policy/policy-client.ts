/**
 * The policy client: asks the site which deployments apply to this machine, fetches the bodies
 * it does not have, verifies each one, and keeps the last good set on disk so the agent works
 * from it while the site cannot be reached.
 *
 * Cache layout (`<state>/policy/`): `assignments.json` (the last reply acted on) and one
 * `<policyId>.json` per signed body, exactly as the site sent it, verified again when read.
 */
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { ClientFacts, PolicyAssignment, PolicyAssignmentsReply, SignedPolicy } from '@sitrep/protocol'
import { PolicyAssignmentsReplySchema, SignedPolicySchema } from '@sitrep/protocol'
import type { RequestSigner, Transport } from '@sitrep/sdk'
import { callMp, readJson } from '@sitrep/sdk'
import { z } from 'zod'
import type { HeldPolicy } from '../core/evaluate-policy.ts'
import { readJsonFile, writeJsonDurably } from '../io/durable-file.ts'
import type { PolicyRefusal, SiteKey } from './verify-policy.ts'
import { verifySignedPolicy } from './verify-policy.ts'

/** A body the agent refused, to report and log. */
export interface RefusedPolicy {
  readonly policyId: string
  readonly reason: PolicyRefusal
  readonly detail: string
}

/** What the agent holds: verified policies and the reply they came from. */
export interface PolicySet {
  readonly policies: readonly HeldPolicy[]
  readonly reply: PolicyAssignmentsReply | null
  /** Epoch ms of the last successful poll. */
  readonly fetchedAt: number | null
}

/** The outcome of one poll. */
export interface PollOutcome {
  readonly set: PolicySet
  readonly refused: readonly RefusedPolicy[]
  /** Deployments no longer assigned (their queued jobs are cancelled). */
  readonly removed: readonly string[]
  readonly changed: boolean
}

const CachedAssignmentsSchema = z.object({
  reply: PolicyAssignmentsReplySchema,
  fetchedAt: z.number().int().min(0),
})

const ASSIGNMENTS_FILE = 'assignments.json'

function bodyFile(dir: string, policyId: string): string {
  return path.join(dir, `${policyId}.json`)
}

/**
 * Reads the cached policy, verifying every body again; a body that no longer verifies (a key
 * change, a file edited on disk) is dropped and listed as refused.
 */
export async function loadPolicyCache(
  dir: string,
  siteKey: SiteKey | null,
  clientId: string | null,
): Promise<{ readonly set: PolicySet; readonly refused: readonly RefusedPolicy[] }> {
  const empty = { set: { policies: [], reply: null, fetchedAt: null }, refused: [] }
  const parsed = CachedAssignmentsSchema.safeParse(await readJsonFile(path.join(dir, ASSIGNMENTS_FILE)))
  if (!parsed.success || siteKey === null || clientId === null) return empty
  const policies: HeldPolicy[] = []
  const refused: RefusedPolicy[] = []
  for (const assignment of parsed.data.reply.assignments ?? []) {
    const signed = SignedPolicySchema.safeParse(await readJsonFile(bodyFile(dir, assignment.policyId)))
    if (!signed.success) continue
    const verdict = verifySignedPolicy(signed.data, siteKey, clientId, assignment.version)
    if (verdict.ok) policies.push({ body: verdict.body, version: verdict.version })
    else refused.push({ policyId: assignment.policyId, reason: verdict.reason, detail: verdict.detail })
  }
  return { set: { policies, reply: parsed.data.reply, fetchedAt: parsed.data.fetchedAt }, refused }
}

/** What a poll needs. */
export interface PollDeps {
  readonly transport: Transport
  readonly signer: RequestSigner
  readonly siteKey: SiteKey | null
  readonly cacheDir: string
  readonly clock: () => number
  readonly timeoutMs?: number
  /** The user logged on at the machine, for user-targeted deployments. */
  readonly userName?: string
  /** What the machine is, for the site's collection rules (sent on every poll; the site keeps the last). */
  readonly facts?: ClientFacts
}

async function fetchBody(deps: PollDeps, assignment: PolicyAssignment): Promise<SignedPolicy> {
  const route = `/mp/v1/policy/bodies/${encodeURIComponent(assignment.policyId)}`
  const response = await callMp(deps.transport, {
    method: 'GET',
    path: route,
    signer: deps.signer,
    now: deps.clock(),
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  })
  return SignedPolicySchema.parse(readJson(response, `GET ${route}`))
}

/**
 * Polls once. Network and HTTP errors throw (the caller backs off and keeps the cache); bodies
 * that fail verification are refused one by one and the rest are used.
 */
export async function pollPolicy(deps: PollDeps, current: PolicySet): Promise<PollOutcome> {
  const request = {
    ...(current.reply === null ? {} : { knownVersion: current.reply.assignmentsVersion }),
    ...(deps.userName === undefined ? {} : { userName: deps.userName }),
    ...(deps.facts === undefined ? {} : { facts: deps.facts }),
  }
  const response = await callMp(deps.transport, {
    method: 'POST',
    path: '/mp/v1/policy/assignments',
    body: Buffer.from(JSON.stringify(request), 'utf8'),
    contentType: 'application/json',
    signer: deps.signer,
    now: deps.clock(),
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  })
  const reply = PolicyAssignmentsReplySchema.parse(readJson(response, 'POST /mp/v1/policy/assignments'))
  const fetchedAt = deps.clock()
  if (reply.unchanged && current.reply !== null) {
    // Keep the assignments we act on; the reply only brings a new poll interval.
    const kept = { ...reply, unchanged: false, assignments: current.reply.assignments ?? [] }
    await writeJsonDurably(path.join(deps.cacheDir, ASSIGNMENTS_FILE), { reply: kept, fetchedAt })
    return { set: { ...current, reply: kept, fetchedAt }, refused: [], removed: [], changed: false }
  }
  const assignments = reply.assignments ?? []
  const held = new Map(current.policies.map((p) => [p.body.policyId, p]))
  const policies: HeldPolicy[] = []
  const refused: RefusedPolicy[] = []
  for (const assignment of assignments) {
    const known = held.get(assignment.policyId)
    if (known !== undefined && known.version === assignment.version) {
      policies.push(known)
      continue
    }
    if (deps.siteKey === null) {
      refused.push({
        policyId: assignment.policyId,
        reason: 'unknown_key',
        detail: 'the site gave no policy key at registration; the agent cannot verify policy',
      })
      continue
    }
    const signed = await fetchBody(deps, assignment)
    const verdict = verifySignedPolicy(signed, deps.siteKey, deps.signer.clientId, assignment.version)
    if (!verdict.ok) {
      refused.push({ policyId: assignment.policyId, reason: verdict.reason, detail: verdict.detail })
      continue
    }
    await writeJsonDurably(bodyFile(deps.cacheDir, assignment.policyId), signed)
    policies.push({ body: verdict.body, version: verdict.version })
  }
  const stillAssigned = new Set(assignments.map((a) => a.policyId))
  const removed = current.policies.map((p) => p.body.policyId).filter((id) => !stillAssigned.has(id))
  // Only what verified is remembered as acted on; a refused body is asked for again next time.
  const actedOn = {
    ...reply,
    assignmentsVersion: refused.length === 0 ? reply.assignmentsVersion : 'refused',
    assignments: assignments.filter((a) => !refused.some((r) => r.policyId === a.policyId)),
  }
  await writeJsonDurably(path.join(deps.cacheDir, ASSIGNMENTS_FILE), { reply: actedOn, fetchedAt })
  for (const name of await readdir(deps.cacheDir)) {
    const id = name.replace(/\.json$/, '')
    if (name !== ASSIGNMENTS_FILE && name.endsWith('.json') && !stillAssigned.has(id)) {
      await rm(path.join(deps.cacheDir, name), { force: true })
    }
  }
  return { set: { policies, reply: actedOn, fetchedAt }, refused, removed, changed: true }
}
