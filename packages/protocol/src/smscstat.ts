/**
 * Return codes of the SMSCSTAT C API (reference §3.2). Sitrep's three-call SDK returns them,
 * and every limit check of {@link parseStatusMessage} names the code its failure maps to, so
 * the two never disagree.
 */
export const SMSCSTAT_CODES = [
  { value: 0, name: 'SMSSTATMSG_SUCCESS' },
  { value: 1, name: 'SMSSTATMSG_OUT_OF_MEMORY' },
  { value: 2, name: 'SMSSTATMSG_ERROR_INVALID_MODULE_NAME' },
  { value: 3, name: 'SMSSTATMSG_ERROR_INVALID_SITE_CODE' },
  { value: 4, name: 'SMSSTATMSG_ERROR_INVALID_TOP_LEVEL_SC' },
  { value: 5, name: 'SMSSTATMSG_ERROR_INVALID_COMPONENT_NAME' },
  { value: 6, name: 'SMSSTATMSG_ERROR_INVALID_INSSTR' },
  { value: 7, name: 'SMSSTATMSG_ERROR_INVALID_ATTR_VALUE' },
  { value: 8, name: 'SMSSTATMSG_ERROR_MAX_ATTR_LIMIT' },
  { value: 9, name: 'SMSSTATMSG_ERROR_NOT_SMS_CLIENT' },
  { value: 10, name: 'SMSSTATMSG_ERROR_UNKNOWN' },
] as const

export type SmscstatName = (typeof SMSCSTAT_CODES)[number]['name']
export type SmscstatCode = (typeof SMSCSTAT_CODES)[number]['value']

/** The SMSCSTAT codes by short name, for code that returns them. */
export const SMSCSTAT = {
  success: 0,
  outOfMemory: 1,
  invalidModuleName: 2,
  invalidSiteCode: 3,
  invalidTopLevelSiteCode: 4,
  invalidComponentName: 5,
  invalidInsertionString: 6,
  invalidAttributeValue: 7,
  maxAttributeLimit: 8,
  notSmsClient: 9,
  unknown: 10,
} as const satisfies Record<string, SmscstatCode>

/** Returns the constant name of an SMSCSTAT return code, e.g. `SMSSTATMSG_ERROR_INVALID_INSSTR` for 6. */
export function smscstatName(code: SmscstatCode): SmscstatName {
  const entry = SMSCSTAT_CODES.find((c) => c.value === code)
  // SmscstatCode is the union of the table's values, so the lookup always hits.
  return entry === undefined ? 'SMSSTATMSG_ERROR_UNKNOWN' : entry.name
}
