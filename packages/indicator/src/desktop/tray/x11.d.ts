// The few calls of the `x11` package (a pure JavaScript X11 client) the tray probe makes.
declare module 'x11' {
  interface X11Client {
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
  interface X11Display {
    readonly client: X11Client
    readonly screen: readonly unknown[]
  }
  interface X11Connection {
    on(event: 'error', listener: (error: Error) => void): this
  }
  export function createClient(
    options: { display?: string },
    callback: (error: Error | undefined, display: X11Display) => void,
  ): X11Connection
  const x11: { createClient: typeof createClient }
  export default x11
}
