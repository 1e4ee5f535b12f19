import { StatusBadge } from '../../ui/status-badge.tsx'
import type { SiteTreeNode } from './build-site-tree.ts'

/** The hierarchy as nested lists, each site labelled with its relation, worst status and unknown mark. */
export function SiteTree({ root }: { readonly root: SiteTreeNode }) {
  return (
    <ul className="site-tree" aria-label="Site hierarchy">
      <SiteTreeItem node={root} />
    </ul>
  )
}

function SiteTreeItem({ node }: { readonly node: SiteTreeNode }) {
  return (
    <li className="site-card">
      <strong>{node.siteCode}</strong> ({node.relation}){' '}
      {node.status === null ? <span className="hint">no summary</span> : <StatusBadge status={node.status} />}
      {node.unknownSince === null ? null : (
        <span className="unknown"> unknown since {new Date(node.unknownSince).toLocaleString()}</span>
      )}
      {node.children.length === 0 ? null : (
        <ul aria-label={`Sites below ${node.siteCode}`}>
          {node.children.map((child) => (
            <SiteTreeItem key={child.siteCode} node={child} />
          ))}
        </ul>
      )}
    </li>
  )
}
