/**
 * How the site names new distribution objects: applications `APP-00001`, collections
 * `<site code>1` + four hex digits (`PS100001`), deployments `<site code>2` + four hex digits
 * (`PS120001`, eight characters as attribute 401 carries them). Pure: the caller says which
 * IDs are taken.
 */

/** The kinds of object that get a site-made ID. */
export type DistributionObject = 'application' | 'collection' | 'deployment'

/** The `n`th ID of a kind (from 1). */
export function distributionId(kind: DistributionObject, siteCode: string, n: number): string {
  switch (kind) {
    case 'application':
      return `APP-${String(n).padStart(5, '0')}`
    case 'collection':
      return `${siteCode}1${n.toString(16).toUpperCase().padStart(4, '0')}`
    case 'deployment':
      return `${siteCode}2${n.toString(16).toUpperCase().padStart(4, '0')}`
  }
}

/** The most IDs of one kind a site can make (four hex digits for collections and deployments). */
export const DISTRIBUTION_ID_MAX = 0xffff

/**
 * The first free ID of a kind at or after the `from`th, asking `taken` for each; `undefined`
 * when every number is used.
 */
export async function nextDistributionId(
  kind: DistributionObject,
  siteCode: string,
  from: number,
  taken: (id: string) => Promise<boolean>,
): Promise<string | undefined> {
  for (let n = Math.max(1, from); n <= DISTRIBUTION_ID_MAX; n++) {
    const id = distributionId(kind, siteCode, n)
    if (!(await taken(id))) return id
  }
  return undefined
}
