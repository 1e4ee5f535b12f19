/**
 * `sitrep collection`: collections of clients on a site — create (query rule, includes,
 * excludes, direct members, maintenance windows), list, show with members, update, delete —
 * through the REST API (docs/cli.md).
 */
import {
  createCollection,
  getCollection,
  listCollectionMembers,
  listCollections,
  removeCollection,
  updateCollection,
} from '@sitrep/api'
import type { CollectionView, RouteBody } from '@sitrep/api'
import type { CollectionRule } from '@sitrep/protocol'
import type { Command } from 'commander'
import type { CliIo } from '../../cli-io.ts'
import { EXIT } from '../../cli-io.ts'
import { countOf } from '../../plural.ts'
import { cellText } from '../../site-api.ts'
import { formatTable } from '../../text-table.ts'
import { readJsonFile } from './app-manifest.ts'
import { collectionFromFlags, collectionUpdateFromFlags, windowText } from './collection-flags.ts'
import type { CollectionFlags } from './collection-flags.ts'
import { collectValues } from './option-parsers.ts'
import { printJson, runSiteCommand, withSiteOptions } from './site-command.ts'
import type { SiteCommandOptions } from './site-command.ts'

/** Options of `sitrep collection create` and `update`. */
export interface CollectionWriteOptions extends CollectionFlags, SiteCommandOptions {
  readonly file?: string
}

type Member = { readonly clientId: string; readonly machine: string; readonly since: string }

/** Adds `sitrep collection` and its subcommands to the program; `done` receives the exit code. */
export function registerCollectionCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const collection = program
    .command('collection')
    .description('collections of clients: create, list, show (with members), update, delete')

  addWriteOptions(
    withSiteOptions(
      collection.command('create').description('create a collection; its members are evaluated at once'),
      'print {"collection"} as one JSON object',
    ),
    true,
  ).action(async (options: CollectionWriteOptions) =>
    done(
      await runSiteCommand('collection create', options, io, async (client) => {
        const body =
          options.file === undefined ? collectionFromFlags(options) : await readJsonFile(options.file)
        // A file goes to the site as written; the site's schema is the check and names the field.
        const reply = await client.call(createCollection, {
          body: body as RouteBody<typeof createCollection>,
        })
        return printWritten(io, options, reply.collection, 'created')
      }),
    ),
  )

  withSiteOptions(
    collection.command('list').description('the collections, built-in ones first, with member counts'),
    'one JSON object per collection, as the API returns them',
  ).action(async (options: SiteCommandOptions) =>
    done(
      await runSiteCommand('collection list', options, io, async (client) => {
        const { collections } = await client.call(listCollections, {})
        if (options.json === true) for (const c of collections) printJson(io, c)
        else io.stdout(formatCollectionTable(collections))
        return EXIT.ok
      }),
    ),
  )

  withSiteOptions(
    collection
      .command('show')
      .argument('<id>', 'collection ID, e.g. PS110001 or SMS00001')
      .description('one collection: its rules, includes, excludes, windows and members'),
    'print {"collection", "members"} as one JSON object',
  ).action(async (id: string, options: SiteCommandOptions) =>
    done(
      await runSiteCommand('collection show', options, io, async (client) => {
        const { collection: view } = await client.call(getCollection, { params: { id } })
        const { members } = await client.call(listCollectionMembers, { params: { id } })
        if (options.json === true) printJson(io, { collection: view, members })
        else io.stdout(formatCollection(view, members))
        return EXIT.ok
      }),
    ),
  )

  addWriteOptions(
    withSiteOptions(
      collection
        .command('update')
        .argument('<id>', 'collection ID')
        .description('change a collection: each option given replaces that part of its definition'),
      'print {"collection"} as one JSON object',
    ),
  ).action(async (id: string, options: CollectionWriteOptions) =>
    done(
      await runSiteCommand('collection update', options, io, async (client) => {
        const { collection: current } = await client.call(getCollection, { params: { id } })
        const body =
          options.file === undefined
            ? collectionUpdateFromFlags(current.definition, options)
            : await readJsonFile(options.file)
        const reply = await client.call(updateCollection, {
          params: { id },
          body: body as RouteBody<typeof updateCollection>, // As in create: the site checks it.
        })
        return printWritten(io, options, reply.collection, 'updated')
      }),
    ),
  )

  withSiteOptions(
    collection
      .command('delete')
      .alias('remove')
      .argument('<id>', 'collection ID')
      .description(
        'remove a collection (refused for built-ins and while a deployment or collection uses it)',
      ),
    'print {"removed": ID}',
  ).action(async (id: string, options: SiteCommandOptions) =>
    done(
      await runSiteCommand('collection delete', options, io, async (client) => {
        await client.call(removeCollection, { params: { id } })
        if (options.json === true) printJson(io, { removed: id })
        else io.stdout(`removed ${id}\n`)
        return EXIT.ok
      }),
    ),
  )
}

function printWritten(io: CliIo, options: SiteCommandOptions, view: CollectionView, verb: string): number {
  if (options.json === true) printJson(io, { collection: view })
  else io.stdout(`${verb} ${view.id} "${cellText(view.name)}": ${countOf(view.memberCount, 'member')}\n`)
  return EXIT.ok
}

/** The table of `sitrep collection list`. */
export function formatCollectionTable(collections: readonly CollectionView[]): string {
  return formatTable(
    ['ID', 'NAME', 'MEMBERS', 'KIND', 'EVALUATED'],
    collections.map((c) => [
      cellText(c.id),
      cellText(c.name),
      String(c.memberCount),
      c.builtin ? 'built-in' : 'custom',
      c.evaluatedAt ?? 'not yet',
    ]),
    new Set([2]),
  )
}

/** `sitrep collection show`: the definition, one line per part, then the members. */
export function formatCollection(view: CollectionView, members: readonly Member[]): string {
  const d = view.definition
  const lines = [
    `${cellText(view.id)}  ${cellText(view.name)}${view.builtin ? ' (built-in)' : ''}`,
    `${countOf(view.memberCount, 'member')}, evaluated ${view.evaluatedAt ?? 'not yet'}`,
  ]
  if (d.description !== '') lines.push(cellText(d.description))
  d.rules.forEach((rule, i) => lines.push(`rule ${i + 1}: ${ruleText(rule)}`))
  if (d.staticMembers.length > 0)
    lines.push(`direct members: ${d.staticMembers.map((m) => cellText(m)).join(', ')}`)
  if (d.include.length > 0) lines.push(`includes: ${d.include.join(', ')}`)
  if (d.exclude.length > 0) lines.push(`excludes: ${d.exclude.join(', ')}`)
  for (const window of d.maintenanceWindows) lines.push(`maintenance window: ${windowText(window)}`)
  if (members.length === 0) return `${lines.join('\n')}\n\nno members\n`
  const table = formatTable(
    ['CLIENT', 'MACHINE', 'SINCE'],
    members.map((m) => [cellText(m.clientId), cellText(m.machine), m.since]),
  )
  return `${lines.join('\n')}\n\n${table}`
}

/** A query rule in one line: each field it sets, joined with "and". */
export function ruleText(rule: CollectionRule): string {
  const parts = [
    rule.platforms === undefined ? undefined : `platform ${rule.platforms.join(' or ')}`,
    rule.linuxFamilies === undefined ? undefined : `Linux family ${rule.linuxFamilies.join(' or ')}`,
    rule.architectures === undefined ? undefined : `architecture ${rule.architectures.join(' or ')}`,
    rule.osVersionAtLeast === undefined ? undefined : `OS version ${rule.osVersionAtLeast} or later`,
    rule.namePatterns === undefined
      ? undefined
      : `name like ${rule.namePatterns.map((p) => cellText(p)).join(' or ')}`,
    rule.siteCodes === undefined ? undefined : `site ${rule.siteCodes.join(' or ')}`,
  ].filter((p) => p !== undefined)
  const name = rule.name === '' ? '' : `${cellText(rule.name)}: `
  return `${name}${parts.length === 0 ? 'every client' : parts.join(' and ')}`
}

/** `create` marks what it cannot do without when no --file gives it (`--help`: "(required …)"). */
function addWriteOptions(command: Command, create = false): Command {
  return command
    .option('--file <collection.json>', 'the definition as JSON, as the REST API takes it (several rules)')
    .option('--name <name>', create ? '(required without --file) collection name' : 'collection name')
    .option('--description <text>', 'description')
    .option(
      '--member <client>',
      'a direct member: client ID (GUID:…) or machine name (repeat)',
      collectValues,
    )
    .option('--include <id>', 'members of this collection are members (repeat)', collectValues)
    .option('--exclude <id>', '… unless they are members of this one (repeat)', collectValues)
    .option('--platform <platform>', 'rule: linux, macos or windows (repeat: any of them)', collectValues)
    .option('--linux-family <family>', 'rule: debian, rhel, suse, arch or alpine (repeat)', collectValues)
    .option('--arch <arch>', 'rule: x64, arm64, ia32 or arm (repeat)', collectValues)
    .option('--os-version-at-least <version>', 'rule: OS version at least this, e.g. 12')
    .option('--name-pattern <pattern>', 'rule: machine names like this, * and ? (repeat)', collectValues)
    .option('--site-code <code>', 'rule: clients of this site (repeat)', collectValues)
    .option(
      '--window <spec>',
      'maintenance window "RECURRENCE HH:MM DURATION ZONE [TYPE]", e.g. "daily 02:00 2h UTC" (repeat)',
      collectValues,
    )
}
