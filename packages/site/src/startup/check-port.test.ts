import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { isStartupError } from '../errors.ts'
import { checkPortAvailable } from './check-port.ts'

describe('checkPortAvailable', () => {
  it('refuses a port another server holds with port_unavailable, naming the address and the fix', async () => {
    const holder = net.createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    const { port } = holder.address() as net.AddressInfo // listening on TCP: an AddressInfo
    try {
      const error: unknown = await checkPortAvailable('127.0.0.1', port).catch((caught: unknown) => caught)
      expect(isStartupError(error) && error.code).toBe('port_unavailable')
      expect(String(error)).toContain(
        `cannot listen on 127.0.0.1:${port} (EADDRINUSE, address already in use)`,
      )
      expect(String(error)).toContain('--port')
    } finally {
      await new Promise((resolve) => holder.close(resolve))
    }
  })

  it('lets a free port go again, so the site can take it', async () => {
    const probe = net.createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as net.AddressInfo // listening on TCP: an AddressInfo
    await new Promise((resolve) => probe.close(resolve))
    await checkPortAvailable('127.0.0.1', port)
    const site = net.createServer()
    await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', resolve))
    await new Promise((resolve) => site.close(resolve))
  })

  it('names a host that is not an address of this machine', async () => {
    const error: unknown = await checkPortAvailable('192.0.2.1', 8080).catch((caught: unknown) => caught)
    expect(isStartupError(error) && error.code).toBe('port_unavailable')
    expect(String(error)).toContain('EADDRNOTAVAIL')
    expect(String(error)).toContain('http.host')
  })
})
