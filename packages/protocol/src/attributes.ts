/**
 * Attribute IDs of status messages (reference §2.2). Attributes are not shown in the text;
 * they index messages ("every message about deployment X").
 */
export const ATTRIBUTE_IDS = [
  { id: 400, name: 'Package ID' },
  { id: 401, name: 'Advertisement / deployment ID' },
  { id: 402, name: 'Collection ID' },
  { id: 403, name: 'User Name' },
  { id: 404, name: 'Distribution Point' },
  { id: 405, name: 'Policy ID' },
  { id: 406, name: 'Policy Assignment ID' },
  { id: 407, name: 'Software Metering Rule ID' },
  { id: 408, name: 'Client SMS Unique ID' },
  { id: 409, name: 'Site Code' },
  { id: 410, name: 'Package Version' },
  { id: 411, name: 'Time Key' },
  { id: 412, name: 'Unique Update ID' },
  { id: 413, name: 'Product ID' },
  { id: 414, name: 'CI Assignment ID' },
  { id: 415, name: 'Object ID' },
  { id: 416, name: 'Object Type' },
  { id: 417, name: 'SDM Type ID' },
  { id: 418, name: 'SDM Type Version' },
  { id: 419, name: 'UpdateSourceUniqueID' },
  { id: 420, name: 'Collection Extended Properties ID' },
  { id: 421, name: 'Wake On LAN Object Type' },
  { id: 422, name: 'Wake On LAN Batch ID' },
  { id: 423, name: 'Machine Extended Properties ID' },
  { id: 424, name: 'Wake On LAN Number of Requests' },
  { id: 425, name: 'Unknown Machine' },
  { id: 426, name: 'MAC Address' },
  { id: 427, name: 'SMBIOS ID' },
  { id: 428, name: 'Application ID' },
  { id: 429, name: 'Application Version' },
] as const

export type KnownAttributeId = (typeof ATTRIBUTE_IDS)[number]['id']

/** Well-known attribute IDs by purpose, for code that reads them. */
export const ATTRIBUTE = {
  packageId: 400,
  deploymentId: 401,
  collectionId: 402,
  userName: 403,
  distributionPoint: 404,
  siteCode: 409,
  applicationId: 428,
} as const satisfies Record<string, KnownAttributeId>

/** Returns the display name of an attribute ID, or `undefined` for an ID outside 400–429. */
export function attributeName(id: number): string | undefined {
  return ATTRIBUTE_IDS.find((a) => a.id === id)?.name
}
