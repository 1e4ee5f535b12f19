/**
 * The XML form of registration (reference §5.5): `ClientRegistrationRequest` read into the JSON
 * shape of {@link RegistrationRequest} (which then validates it), and the
 * `ClientRegistrationResponse` written back. Sitrep's additions, documented in
 * docs/protocol.md: the Ed25519 key as `Data/PublicKey`, the enrolment token as
 * `Data/EnrolmentToken`, and the proof as `Signature/SignatureValue` in base64.
 */
import { attributeOf, childElements, parseXml, writeXml, xmlElement } from '@sitrep/protocol'
import type { ParseResult, XmlElement } from '@sitrep/protocol'
import { mpIssue } from './field-issues.ts'

const DISCOVERY_FIELDS: Readonly<Record<string, 'netbiosName' | 'fqdn' | 'localeId'>> = {
  'Netbios Name': 'netbiosName',
  'FQ Name': 'fqdn',
  'Locale ID': 'localeId',
}

/**
 * Reads a `ClientRegistrationRequest` document into the JSON form of a registration request
 * (not yet validated: pass the value to `parseRegistrationRequest`).
 */
export function registrationXmlToJson(text: string): ParseResult<Record<string, unknown>> {
  const parsed = parseXml(text)
  if (!parsed.ok) return parsed
  const root = parsed.value
  if (root.name !== 'ClientRegistrationRequest') {
    const message = `the root element must be ClientRegistrationRequest, got ${root.name.slice(0, 60)}`
    return { ok: false, issues: [mpIssue('ClientRegistrationRequest', 'format', message)] }
  }
  const data = first(root, 'Data')
  if (data === undefined) {
    return {
      ok: false,
      issues: [
        mpIssue('ClientRegistrationRequest.Data', 'required', 'ClientRegistrationRequest.Data is required'),
      ],
    }
  }
  const machine: Record<string, unknown> = {}
  for (const property of childElements(first(data, 'DiscoveryProperties') ?? data, 'Property')) {
    const field = DISCOVERY_FIELDS[attributeOf(property, 'Name') ?? '']
    const value = attributeOf(property, 'Value')
    if (field === undefined || value === undefined) continue
    machine[field] = field === 'localeId' ? toNumber(value) : value
  }
  const agentElement = first(data, 'AgentInformation')
  const agent: Record<string, unknown> = {}
  if (agentElement !== undefined) {
    setIfPresent(agent, 'identity', attributeOf(agentElement, 'AgentIdentity'))
    setIfPresent(agent, 'version', attributeOf(agentElement, 'AgentVersion'))
    const type = attributeOf(agentElement, 'AgentType')
    if (type !== undefined) agent.type = toNumber(type)
  }
  const json: Record<string, unknown> = {
    requestType: (attributeOf(data, 'RequestType') ?? 'Registration').toLowerCase(),
    machine,
    agent,
    publicKey: first(data, 'PublicKey')?.text.trim(),
    proof: first(first(root, 'Signature'), 'SignatureValue')?.text.trim(),
  }
  setIfPresent(json, 'enrolmentToken', first(data, 'EnrolmentToken')?.text.trim())
  return { ok: true, value: json }
}

/** Writes `<ClientRegistrationResponse ResponseType=… TimeStamp=… Status=… SMSID=…/>`. */
export function encodeRegistrationResponseXml(reply: {
  readonly requestType: 'registration' | 'confirmation'
  readonly status: number
  readonly clientId?: string
  readonly timestamp: number
}): string {
  return writeXml(
    xmlElement('ClientRegistrationResponse', {
      ResponseType: reply.requestType === 'registration' ? 'Registration' : 'Confirmation',
      TimeStamp: new Date(reply.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Status: reply.status,
      ...(reply.clientId === undefined ? {} : { SMSID: reply.clientId }),
    }),
    { declaration: 'UTF-8' },
  )
}

function first(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element === undefined ? undefined : childElements(element, name)[0]
}

function setIfPresent(target: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value !== undefined) target[key] = value
}

/** Numbers in XML attributes; anything else stays text so validation names the field. */
function toNumber(text: string): number | string {
  return /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : text
}
