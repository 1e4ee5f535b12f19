/**
 * `sitrep app`: applications and their content on a site — create (from flags or a JSON file),
 * list, show, revise, upload content, delete — through the REST API (docs/cli.md).
 */
import path from 'node:path'
import {
  addApplication,
  getApplication,
  listApplications,
  removeApplication,
  reviseApplication,
} from '@sitrep/api'
import type { ApplicationView, RouteBody } from '@sitrep/api'
import { DISTRIBUTION_LIMITS } from '@sitrep/protocol'
import type { Command } from 'commander'
import type { CliIo } from '../../cli-io.ts'
import { EXIT } from '../../cli-io.ts'
import type { SiteClient } from '../../site-client.ts'
import { applicationFromFlags, revisionFromFlags } from './app-flags.ts'
import type { AppFlags, ContentEntry } from './app-flags.ts'
import { resolveManifest } from './app-manifest.ts'
import { formatApplication, formatApplicationTable } from './app-text.ts'
import { describeUpload, uploadFile } from './content-file.ts'
import type { UploadedFile } from './content-file.ts'
import { collectValues, wholeNumber } from './option-parsers.ts'
import { printJson, runSiteCommand, withSiteOptions } from './site-command.ts'
import type { SiteCommandOptions } from './site-command.ts'

/** Options of `sitrep app create` and `revise`. */
export interface AppWriteOptions extends AppFlags, SiteCommandOptions {
  readonly file?: string
  readonly content?: readonly string[]
  readonly icon?: string
}

/**
 * `sitrep app create`: uploads the content and icon files, then adds the application (from
 * `--file` or the flags) and prints its ID and revision.
 *
 * @example
 * // sitrep app create --name Editor --platform linux --content editor.deb
 * //   --install /usr/bin/dpkg --install -i --install editor.deb --detect-package dpkg:editor
 */
export async function appCreateCommand(options: AppWriteOptions, io: CliIo): Promise<number> {
  return runSiteCommand('app create', options, io, async (client) => {
    let body: unknown
    let uploads: readonly UploadedFile[]
    if (options.file === undefined) {
      const files = await uploadAll(client, options)
      body = applicationFromFlags(options, files.content, files.icon?.sha256)
      uploads = files.uploads
    } else {
      ;({ body, uploads } = await resolveManifest(client, options.file))
    }
    // A manifest goes to the site as written: the site's schema is the check, and its refusal names the field.
    const reply = await client.call(addApplication, { body: body as RouteBody<typeof addApplication> })
    return printWritten(io, options, uploads, reply.application, 'added')
  })
}

/** `sitrep app revise ID`: the flags (or `--file`) laid over the newest revision make the next one. */
export async function appReviseCommand(id: string, options: AppWriteOptions, io: CliIo): Promise<number> {
  return runSiteCommand('app revise', options, io, async (client) => {
    const current = await client.call(getApplication, { params: { id } })
    let body: unknown
    let uploads: readonly UploadedFile[]
    if (options.file === undefined) {
      const files = await uploadAll(client, options)
      const content = options.content === undefined ? undefined : files.content
      body = revisionFromFlags(current.application.application, options, content, files.icon?.sha256)
      uploads = files.uploads
    } else {
      ;({ body, uploads } = await resolveManifest(client, options.file))
    }
    const reply = await client.call(reviseApplication, {
      params: { id },
      // As in create: the site checks the body and names what it refuses.
      body: {
        ...(body as RouteBody<typeof addApplication>),
        baseRevision: current.application.latestRevision,
      },
    })
    return printWritten(io, options, uploads, reply.application, 'revised')
  })
}

async function uploadAll(
  client: SiteClient,
  options: AppWriteOptions,
): Promise<{ content: ContentEntry[]; icon?: UploadedFile; uploads: UploadedFile[] }> {
  const uploads: UploadedFile[] = []
  for (const file of options.content ?? []) uploads.push(await uploadFile(client, file))
  const content = uploads.map((u) => ({ path: path.basename(u.file), sha256: u.sha256, size: u.size }))
  if (options.icon === undefined) return { content, uploads }
  const icon = await uploadFile(client, options.icon)
  return { content, icon, uploads: [...uploads, icon] }
}

function printWritten(
  io: CliIo,
  options: SiteCommandOptions,
  uploads: readonly UploadedFile[],
  view: ApplicationView,
  verb: string,
): number {
  if (options.json === true) {
    printJson(io, { application: view, uploads })
    return EXIT.ok
  }
  for (const upload of uploads) io.stdout(`${describeUpload(upload)}\n`)
  io.stdout(`${verb} ${view.id} "${view.name}" revision ${view.revision}\n`)
  return EXIT.ok
}

/** `sitrep app upload FILE…`: puts content files on the site (once each) and prints their hashes. */
export async function appUploadCommand(
  files: readonly string[],
  options: SiteCommandOptions & { readonly sha256?: string },
  io: CliIo,
): Promise<number> {
  return runSiteCommand('app upload', options, io, async (client) => {
    for (const file of files) {
      const upload = await uploadFile(client, file, options.sha256)
      if (options.json === true) printJson(io, upload)
      else io.stdout(`${describeUpload(upload)}\n`)
    }
    return EXIT.ok
  })
}

/** Adds `sitrep app` and its subcommands to the program; `done` receives the exit code. */
export function registerAppCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const app = program
    .command('app')
    .description('applications and their content: create, list, show, revise, upload, delete')

  addWriteOptions(
    withSiteOptions(
      app.command('create').description('add an application (its content files are uploaded first)'),
      'print {"application", "uploads"} as one JSON object',
    ),
    true,
  ).action(async (options: AppWriteOptions) => done(await appCreateCommand(options, io)))

  withSiteOptions(
    app.command('list').description('the applications on the site, newest revision of each'),
    'one JSON object per application, as the API returns them',
  ).action(async (options: SiteCommandOptions) =>
    done(
      await runSiteCommand('app list', options, io, async (client) => {
        const { applications } = await client.call(listApplications, {})
        if (options.json === true) for (const a of applications) printJson(io, a)
        else io.stdout(formatApplicationTable(applications))
        return EXIT.ok
      }),
    ),
  )

  withSiteOptions(
    app
      .command('show')
      .argument('<id>', 'application ID, e.g. APP-00001')
      .description('one application: deployment types, content, detection, revisions')
      .option('--revision <n>', 'show this revision (default the newest)', wholeNumber('--revision', 1, 1e9)),
    'print {"application", "revisions"} as one JSON object',
  ).action(async (id: string, options: SiteCommandOptions & { revision?: number }) =>
    done(
      await runSiteCommand('app show', options, io, async (client) => {
        const reply = await client.call(getApplication, {
          params: { id },
          query: { revision: options.revision },
        })
        if (options.json === true) printJson(io, reply)
        else io.stdout(formatApplication(reply.application, reply.revisions))
        return EXIT.ok
      }),
    ),
  )

  addWriteOptions(
    withSiteOptions(
      app
        .command('revise')
        .argument('<id>', 'application ID')
        .description('make the next revision: the options given replace those fields of the newest one'),
      'print {"application", "uploads"} as one JSON object',
    ),
  ).action(async (id: string, options: AppWriteOptions) => done(await appReviseCommand(id, options, io)))

  withSiteOptions(
    app
      .command('upload')
      .argument('<file...>', 'content files')
      .description('upload content files (stored by SHA-256, once) and print their hashes')
      .option('--sha256 <hex>', 'the hash the file must have; the site refuses bytes that do not match'),
    'one JSON object per file: file, sha256, size, created',
  ).action(async (files: string[], options: SiteCommandOptions & { sha256?: string }) =>
    done(await appUploadCommand(files, options, io)),
  )

  withSiteOptions(
    app
      .command('delete')
      .alias('remove')
      .argument('<id>', 'application ID')
      .description('remove an application (refused while an active deployment carries it)'),
    'print {"removed": ID}',
  ).action(async (id: string, options: SiteCommandOptions) =>
    done(
      await runSiteCommand('app delete', options, io, async (client) => {
        await client.call(removeApplication, { params: { id } })
        if (options.json === true) printJson(io, { removed: id })
        else io.stdout(`removed ${id}\n`)
        return EXIT.ok
      }),
    ),
  )
}

const minutes = wholeNumber('minutes', 0, DISTRIBUTION_LIMITS.maxRunMinutesMax)

/** `create` marks what it cannot do without when no --file gives it (`--help`: "(required …)"). */
function addWriteOptions(command: Command, create = false): Command {
  const needed = (text: string, what = '(required without --file)'): string =>
    create ? `${what} ${text}` : text
  const detection = (text: string): string => needed(text, '(one --detect-… required without --file)')
  return command
    .option('--file <app.json>', 'the application as JSON (content may name a local "file"); see docs/cli.md')
    .option('--name <name>', needed('application name'))
    .option('--publisher <name>', 'publisher')
    .option('--app-version <version>', "the application's own version, e.g. 2.1")
    .option('--description <text>', 'description')
    .option('--icon <file>', 'a PNG or SVG icon, uploaded as content')
    .option('--platform <platform>', 'linux, macos, windows or any (default any)')
    .option('--linux-family <family>', 'debian, rhel, suse, arch, alpine or any')
    .option('--type-id <id>', 'deployment type ID (default the platform); revise: which type to change')
    .option('--type-name <name>', 'deployment type name')
    .option('--content <file>', 'a content file, uploaded and placed by its name (repeat)', collectValues)
    .option(
      '--install <arg>',
      needed('install command: the program, then one --install per argument'),
      collectValues,
    )
    .option('--uninstall <arg>', 'uninstall command, one --uninstall per argument', collectValues)
    .option('--working-dir <dir>', 'where the commands run (default the content folder)')
    .option('--detect-file <path>', detection('installed when this file exists'))
    .option(
      '--detect-package <m:name@v>',
      detection('installed when this dpkg/rpm/brew/msi package is (at least at v)'),
    )
    .option(
      '--detect-script <arg>',
      detection('installed when this command exits 0 (one per argument)'),
      collectValues,
    )
    .option('--run-as <who>', 'system or user (default system)')
    .option('--user-visible', 'the user may see the installer run')
    .option('--success-action <action>', 'none, logoff or restart (default none)')
    .option('--max-run-minutes <n>', 'longest run before the agent stops it (default 120)', minutes)
    .option('--estimated-run-minutes <n>', 'how long a run usually takes (default 5)', minutes)
}
