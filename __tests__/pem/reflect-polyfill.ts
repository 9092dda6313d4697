// @peculiar/x509 uses tsyringe, which needs the Reflect metadata API at import time. tsyringe calls only
// these three functions, so a test-only shim keeps this suite independent of a reflect-metadata install.
// Import this module before '@peculiar/x509'.
type Key = string | symbol
const store = new WeakMap<object, Map<Key | undefined, Map<unknown, unknown>>>()

function table(target: object, property: Key | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let byProperty = store.get(target)
  if (byProperty === undefined) {
    if (!create) return undefined
    byProperty = new Map()
    store.set(target, byProperty)
  }
  let entries = byProperty.get(property)
  if (entries === undefined && create) {
    entries = new Map()
    byProperty.set(property, entries)
  }
  return entries
}

interface ReflectMetadata {
  defineMetadata?: (key: unknown, value: unknown, target: object, property?: Key) => void
  getOwnMetadata?: (key: unknown, target: object, property?: Key) => unknown
  getMetadata?: (key: unknown, target: object, property?: Key) => unknown
}

const reflect = Reflect as unknown as ReflectMetadata
if (typeof reflect.getMetadata !== 'function') {
  reflect.defineMetadata = (key, value, target, property) => {
    table(target, property, true)?.set(key, value)
  }
  reflect.getOwnMetadata = (key, target, property) => table(target, property, false)?.get(key)
  reflect.getMetadata = (key, target, property) => {
    for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
      const entries = table(o, property, false)
      if (entries?.has(key) === true) return entries.get(key)
    }
    return undefined
  }
}

export {}
