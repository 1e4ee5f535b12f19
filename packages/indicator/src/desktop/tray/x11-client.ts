/**
 * The few calls of the `x11` package (a pure JavaScript X11 client) the tray probe makes, typed
 * here because the package ships no types. Loaded through `require`, as the package is CommonJS.
 */
import { createRequire } from 'node:module'

export interface X11Client {
  /** Interned atoms by name (a cache the package shares between connections). */
  atoms: Record<string, number>
  InternAtom(
    onlyIfExists: boolean,
    name: string,
    callback: (error: Error | undefined, atom: number) => void,
  ): void
  GetSelectionOwner(atom: number, callback: (error: Error | undefined, owner: number) => void): void
  terminate(): void
  on(event: 'error', listener: (error: Error) => void): this
}

export interface X11Display {
  readonly client: X11Client
}

export interface X11Connection {
  on(event: 'error', listener: (error: Error) => void): this
}

interface X11Module {
  createClient(
    options: { display?: string },
    callback: (error: Error | undefined, display: X11Display) => void,
  ): X11Connection
}

/** The `x11` package. */
export const x11 = createRequire(import.meta.url)('x11') as X11Module
