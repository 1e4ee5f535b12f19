import type { ReactNode } from 'react'

/** One name and value of a `<dl className="fields">` list. */
export function FieldRow({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  )
}
