/**
 * `sitrep app create --file app.json`: an application written as JSON, as the REST API takes it,
 * except that a content file may name a local `file` (relative to the manifest) instead of its
 * `sha256` and `size`, and the icon an `icon` file: those are uploaded first and filled in. The
 * rest goes to the site unchanged, so its refusals name the manifest's own fields.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { SiteClient } from '../../site-client.ts'
import { LocalFileError, uploadFile } from './content-file.ts'
import type { UploadedFile } from './content-file.ts'

/** The manifest with its local files uploaded, and the uploads in manifest order. */
export interface ResolvedManifest {
  readonly body: unknown
  readonly uploads: readonly UploadedFile[]
}

/** Reads `manifestFile`, uploads the files it names, and returns the body to send. */
export async function resolveManifest(client: SiteClient, manifestFile: string): Promise<ResolvedManifest> {
  const manifest = await readJsonFile(manifestFile)
  const folder = path.dirname(manifestFile)
  const uploads: UploadedFile[] = []
  const upload = async (file: string): Promise<UploadedFile> => {
    const done = await uploadFile(client, path.resolve(folder, file))
    uploads.push(done)
    return done
  }
  if (typeof manifest.icon === 'string') {
    manifest.iconSha256 = (await upload(manifest.icon)).sha256
    delete manifest.icon
  }
  for (const type of Array.isArray(manifest.deploymentTypes) ? manifest.deploymentTypes : []) {
    if (!isRecord(type) || !Array.isArray(type.content)) continue
    for (const entry of type.content) {
      if (!isRecord(entry) || typeof entry.file !== 'string') continue
      const done = await upload(entry.file)
      entry.path ??= path.basename(entry.file)
      entry.sha256 = done.sha256
      entry.size = done.size
      delete entry.file
    }
  }
  return { body: manifest, uploads }
}

/** The JSON object in `file`; a missing file, bad JSON or a non-object is a {@link LocalFileError}. */
export async function readJsonFile(file: string): Promise<Record<string, unknown>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    throw new LocalFileError(`cannot read ${file}: ${(cause as Error).message}`, { cause }) // fs errors are Errors.
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (cause) {
    throw new LocalFileError(`${file} is not JSON: ${(cause as Error).message}`, { cause }) // JSON.parse throws SyntaxError.
  }
  if (!isRecord(parsed)) throw new LocalFileError(`${file} holds no JSON object`)
  return parsed
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
