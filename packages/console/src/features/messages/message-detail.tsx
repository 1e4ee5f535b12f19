import type { MessageView } from '../../api/api-types.ts'
import { SeverityBadge } from '../../ui/status-badge.tsx'
import { attributeRows, detailFields } from './format-message.ts'

/** Every field, insertion string and attribute (with its name) of one message. */
export function MessageDetail({
  message,
  locale,
  onClose,
}: {
  message: MessageView
  locale: string
  onClose: () => void
}) {
  const attributes = attributeRows(message)
  return (
    <aside className="detail-pane" aria-labelledby="detail-title">
      <div className="detail-head">
        <h2 id="detail-title" tabIndex={-1}>
          Message {message.messageId} <SeverityBadge severity={message.severity} />
        </h2>
        <button type="button" onClick={onClose}>
          Close details
        </button>
      </div>
      <p className="message-text">{message.text}</p>
      <h3>Fields</h3>
      <dl className="fields">
        {detailFields(message, locale).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Insertion strings</h3>
      {message.insertionStrings.length === 0 ? (
        <p>None.</p>
      ) : (
        <ol className="insertion-strings">
          {message.insertionStrings.map((s, i) => (
            <li key={i}>
              <span className="small">%{i + 1}</span> <code>{s}</code>
            </li>
          ))}
        </ol>
      )}
      <h3>Attributes</h3>
      {attributes.length === 0 ? (
        <p>None.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Attributes</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {attributes.map((a) => (
              <tr key={`${a.id}:${a.value}`}>
                <td>{a.id}</td>
                <td>{a.name}</td>
                <td>
                  <code>{a.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  )
}
