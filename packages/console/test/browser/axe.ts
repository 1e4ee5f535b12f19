/**
 * axe-core in the page under test. The console's Content-Security-Policy allows only its own
 * scripts, so axe is evaluated through the DevTools protocol rather than added as a tag.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: readonly { readonly target: unknown }[]
}

let source: string | undefined

/** The serious and critical violations axe finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  source ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(source)
  const result = await page.evaluate(async () => {
    // axe-core puts itself on window; the page's own types do not know it.
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe
    return axe.run()
  })
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
