import type { ApiIssue } from '@sitrep/api'
import {
  ARCHITECTURES,
  LINUX_FAMILIES,
  PACKAGE_MANAGERS,
  PLATFORMS,
  REGISTRY_HIVES,
  REGISTRY_OPERATORS,
  RUN_AS,
  SUCCESS_ACTIONS,
} from '@sitrep/protocol'
import { useMutation } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useApi } from '../../api/api-context.tsx'
import { FieldIssue, invalidProps } from '../../ui/field-issue.tsx'
import { formatBytes } from '../../ui/format.ts'
import { ErrorNote } from '../../ui/query-state.tsx'
import { DETECTION_KINDS } from './application-draft.ts'
import type { DetectionDraft, TypeDraft } from './application-draft.ts'
import { PLATFORM_TEXT } from './describe-application.ts'
import { uploadFile } from './upload-content.ts'

/** The application form's name: ids and issue ids start with it. */
export const APP_FORM = 'app'

const DETECTION_TEXT = {
  file_exists: 'A file exists',
  file_version: 'A file holds a version at least',
  package: 'An OS package is installed',
  registry: 'A Windows registry value',
  script: 'A script exits with a code',
  json: 'Clauses as JSON (all / any)',
} as const
const SUCCESS_TEXT = { none: 'Nothing', logoff: 'Log off', restart: 'Restart' } as const

/** One deployment type of the application form; issues are matched by `deploymentTypes[i]…`. */
export function TypeEditor({
  index,
  type,
  issues,
  onChange,
  onRemove,
}: {
  index: number
  type: TypeDraft
  issues: readonly ApiIssue[]
  onChange: (type: TypeDraft) => void
  onRemove: (() => void) | undefined
}) {
  const api = useApi()
  const base = `deploymentTypes[${index}]`
  const set = <K extends keyof TypeDraft>(key: K, value: TypeDraft[K]) => onChange({ ...type, [key]: value })
  const setDetection = <K extends keyof DetectionDraft>(key: K, value: DetectionDraft[K]) =>
    onChange({ ...type, detection: { ...type.detection, [key]: value } })
  const upload = useMutation({
    mutationFn: async (files: readonly File[]) => {
      const entries = []
      for (const file of files) entries.push((await uploadFile(api, file)).entry)
      return entries
    },
    onSuccess: (entries) => {
      const kept = type.content.filter((c) => !entries.some((e) => e.path === c.path))
      onChange({ ...type, content: [...kept, ...entries] })
    },
  })
  const id = (name: string) => `${APP_FORM}-t${index}-${name}`
  const field = (name: string, label: string, input: ReactNode, wide = false) => (
    <div className={wide ? 'form-field wide' : 'form-field'}>
      <label htmlFor={id(name)}>{label}</label>
      {input}
      <FieldIssue form={APP_FORM} field={`${base}.${name}`} issues={issues} />
    </div>
  )
  const bad = (name: string) => invalidProps(APP_FORM, `${base}.${name}`, issues)
  const d = type.detection
  return (
    <fieldset className="type-editor">
      <legend>
        Deployment type {index + 1}
        {type.name === '' ? '' : `: ${type.name}`}
      </legend>
      {field(
        'id',
        'ID (stable across revisions)',
        <input id={id('id')} value={type.id} onChange={(e) => set('id', e.target.value)} {...bad('id')} />,
      )}
      {field(
        'name',
        'Name (empty: the application’s)',
        <input
          id={id('name')}
          value={type.name}
          onChange={(e) => set('name', e.target.value)}
          {...bad('name')}
        />,
      )}
      {field(
        'platform',
        'Platform',
        <select
          id={id('platform')}
          value={type.platform}
          onChange={(e) => set('platform', pick(PLATFORMS, e.target.value, 'any'))}
        >
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_TEXT[p]}
            </option>
          ))}
        </select>,
      )}
      {type.platform === 'linux'
        ? field(
            'linuxFamily',
            'Linux family',
            <select
              id={id('linuxFamily')}
              value={type.linuxFamily}
              onChange={(e) => set('linuxFamily', pick(LINUX_FAMILIES, e.target.value, 'any'))}
            >
              {LINUX_FAMILIES.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>,
          )
        : null}
      {field(
        'install',
        'Install command line: one argument per line, no shell',
        <textarea
          id={id('install')}
          value={type.install}
          onChange={(e) => set('install', e.target.value)}
          {...bad('install')}
        />,
        true,
      )}
      {field(
        'uninstall',
        'Uninstall command line: one argument per line (empty: none)',
        <textarea
          id={id('uninstall')}
          value={type.uninstall}
          onChange={(e) => set('uninstall', e.target.value)}
          {...bad('uninstall')}
        />,
        true,
      )}
      {field(
        'workingDirectory',
        'Working directory (empty: the content folder)',
        <input
          id={id('workingDirectory')}
          value={type.workingDirectory}
          onChange={(e) => set('workingDirectory', e.target.value)}
          {...bad('workingDirectory')}
        />,
      )}

      <div className="form-field wide">
        <span className="group-label" id={id('content-label')}>
          Content ({type.content.length} files, {formatBytes(type.content.reduce((s, c) => s + c.size, 0))})
        </span>
        {type.content.length === 0 ? null : (
          <table aria-labelledby={id('content-label')}>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Executable</th>
                <th scope="col">Remove</th>
              </tr>
            </thead>
            <tbody>
              {type.content.map((c, i) => (
                <tr key={c.sha256 + c.path}>
                  <td>
                    <input
                      aria-label={`Path of ${c.path}`}
                      value={c.path}
                      onChange={(e) =>
                        set(
                          'content',
                          type.content.map((x, j) => (j === i ? { ...x, path: e.target.value } : x)),
                        )
                      }
                      {...bad(`content[${i}]`)}
                    />
                    <FieldIssue form={APP_FORM} field={`${base}.content[${i}]`} issues={issues} />
                  </td>
                  <td>{formatBytes(c.size)}</td>
                  <td>
                    <code className="small hash">{c.sha256}</code>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${c.path} is executable`}
                      checked={c.executable}
                      onChange={(e) =>
                        set(
                          'content',
                          type.content.map((x, j) => (j === i ? { ...x, executable: e.target.checked } : x)),
                        )
                      }
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() =>
                        set(
                          'content',
                          type.content.filter((_, j) => j !== i),
                        )
                      }
                    >
                      Remove<span className="visually-hidden"> {c.path}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <label className="upload">
          Upload content files
          <input
            type="file"
            multiple
            disabled={upload.isPending}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? [])
              e.target.value = ''
              if (files.length > 0) upload.mutate(files)
            }}
          />
        </label>
        <span role="status" className="small">
          {upload.isPending
            ? 'Uploading…'
            : upload.isSuccess
              ? `Uploaded ${upload.data.map((f) => f.path).join(', ')}.`
              : ''}
        </span>
        {upload.isError ? <ErrorNote error={upload.error} what="the upload" /> : null}
        <FieldIssue
          form={APP_FORM}
          field={`${base}.content`}
          issues={issues.filter((i) => i.field === `${base}.content`)}
        />
      </div>

      <div className="form-field wide detection">
        <label htmlFor={id('detection')}>Detection: how the agent tells it is installed</label>
        <select
          id={id('detection')}
          value={d.kind}
          onChange={(e) => setDetection('kind', pick(DETECTION_KINDS, e.target.value, 'json'))}
          {...bad('detection')}
        >
          {DETECTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {DETECTION_TEXT[k]}
            </option>
          ))}
        </select>
        <div className="detection-fields">
          {d.kind === 'file_exists' || d.kind === 'file_version' ? (
            <label>
              File path
              <input value={d.path} onChange={(e) => setDetection('path', e.target.value)} />
            </label>
          ) : null}
          {d.kind === 'package' ? (
            <>
              <label>
                Package manager
                <select
                  value={d.manager}
                  onChange={(e) => setDetection('manager', pick(PACKAGE_MANAGERS, e.target.value, 'dpkg'))}
                >
                  {PACKAGE_MANAGERS.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Package name (MSI: product code)
                <input value={d.name} onChange={(e) => setDetection('name', e.target.value)} />
              </label>
            </>
          ) : null}
          {d.kind === 'file_version' || d.kind === 'package' ? (
            <label>
              Version at least{d.kind === 'package' ? ' (optional)' : ''}
              <input value={d.minVersion} onChange={(e) => setDetection('minVersion', e.target.value)} />
            </label>
          ) : null}
          {d.kind === 'registry' ? (
            <>
              <label>
                Hive
                <select
                  value={d.hive}
                  onChange={(e) => setDetection('hive', pick(REGISTRY_HIVES, e.target.value, 'HKLM'))}
                >
                  {REGISTRY_HIVES.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Key
                <input value={d.key} onChange={(e) => setDetection('key', e.target.value)} />
              </label>
              <label>
                Value name
                <input value={d.valueName} onChange={(e) => setDetection('valueName', e.target.value)} />
              </label>
              <label>
                Compare
                <select
                  value={d.operator}
                  onChange={(e) =>
                    setDetection('operator', pick(REGISTRY_OPERATORS, e.target.value, 'exists'))
                  }
                >
                  {REGISTRY_OPERATORS.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
              {d.operator === 'exists' ? null : (
                <label>
                  Value
                  <input value={d.value} onChange={(e) => setDetection('value', e.target.value)} />
                </label>
              )}
            </>
          ) : null}
          {d.kind === 'script' ? (
            <>
              <label className="wide-label">
                Script command line, one argument per line
                <textarea value={d.command} onChange={(e) => setDetection('command', e.target.value)} />
              </label>
              <label>
                Installed when it exits with
                <input
                  type="number"
                  value={d.installedExitCode}
                  onChange={(e) => setDetection('installedExitCode', e.target.value)}
                />
              </label>
            </>
          ) : null}
          {d.kind === 'json' ? (
            <label className="wide-label">
              Detection clauses (JSON)
              <textarea value={d.json} onChange={(e) => setDetection('json', e.target.value)} />
            </label>
          ) : null}
        </div>
        <FieldIssue form={APP_FORM} field={`${base}.detection`} issues={issues} />
      </div>

      <div className="form-field wide">
        <span className="group-label">Requirements (empty fields: none)</span>
        <div className="detection-fields">
          <label>
            {PLATFORM_TEXT[type.platform]} version at least
            <input value={type.osMinVersion} onChange={(e) => set('osMinVersion', e.target.value)} />
          </label>
          <fieldset className="inline-choices">
            <legend>Architectures (none: any)</legend>
            {ARCHITECTURES.map((a) => (
              <label key={a} className="check">
                <input
                  type="checkbox"
                  checked={type.architectures.includes(a)}
                  onChange={(e) =>
                    set(
                      'architectures',
                      e.target.checked
                        ? [...type.architectures, a]
                        : type.architectures.filter((x) => x !== a),
                    )
                  }
                />
                {a}
              </label>
            ))}
          </fieldset>
          <label>
            Free disk (MB)
            <input
              type="number"
              min={1}
              value={type.freeDiskMegabytes}
              onChange={(e) => set('freeDiskMegabytes', e.target.value)}
            />
          </label>
          <label>
            … on path
            <input value={type.freeDiskPath} onChange={(e) => set('freeDiskPath', e.target.value)} />
          </label>
          <label>
            Memory (MB)
            <input
              type="number"
              min={1}
              value={type.memoryMegabytes}
              onChange={(e) => set('memoryMegabytes', e.target.value)}
            />
          </label>
        </div>
        {type.otherRequirements.length === 0 ? null : (
          <p className="hint">{type.otherRequirements.length} more requirements are kept as they are.</p>
        )}
        <FieldIssue form={APP_FORM} field={`${base}.requirements`} issues={issues} />
      </div>

      {field(
        'estimatedRunMinutes',
        'Estimated run time (min)',
        <input
          id={id('estimatedRunMinutes')}
          type="number"
          min={0}
          value={type.estimatedRunMinutes}
          onChange={(e) => set('estimatedRunMinutes', e.target.value)}
          {...bad('estimatedRunMinutes')}
        />,
      )}
      {field(
        'maxRunMinutes',
        'Maximum run time (min)',
        <input
          id={id('maxRunMinutes')}
          type="number"
          min={1}
          value={type.maxRunMinutes}
          onChange={(e) => set('maxRunMinutes', e.target.value)}
          {...bad('maxRunMinutes')}
        />,
      )}
      {field(
        'runAs',
        'Install for',
        <select
          id={id('runAs')}
          value={type.runAs}
          onChange={(e) => set('runAs', pick(RUN_AS, e.target.value, 'system'))}
        >
          {RUN_AS.map((r) => (
            <option key={r} value={r}>
              {r === 'system' ? 'The system' : 'The logged-on user'}
            </option>
          ))}
        </select>,
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={type.userVisible}
          onChange={(e) => set('userVisible', e.target.checked)}
        />
        The user may see the installer run
      </label>
      {field(
        'successAction',
        'After success',
        <select
          id={id('successAction')}
          value={type.successAction}
          onChange={(e) => set('successAction', pick(SUCCESS_ACTIONS, e.target.value, 'none'))}
        >
          {SUCCESS_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {SUCCESS_TEXT[a]}
            </option>
          ))}
        </select>,
      )}
      {field(
        'successExitCodes',
        'More success exit codes (comma-separated; 3010 and 1641 ask for a restart, 1618 retries)',
        <input
          id={id('successExitCodes')}
          value={type.successExitCodes}
          onChange={(e) => set('successExitCodes', e.target.value)}
          {...bad('successExitCodes')}
        />,
        true,
      )}
      {onRemove === undefined ? null : (
        <p>
          <button type="button" onClick={onRemove}>
            Remove deployment type {index + 1}
          </button>
        </p>
      )}
    </fieldset>
  )
}

/** `value` when it is one of `options` (a select offers only those), else `fallback`. */
function pick<T extends string>(options: readonly T[], value: string, fallback: T): T {
  return options.find((o) => o === value) ?? fallback
}
