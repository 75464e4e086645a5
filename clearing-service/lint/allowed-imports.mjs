// Imports that break tanlian/module-boundaries, each `from -> to` (src-relative), kept so that any
// new one fails lint; an entry whose import is gone fails lint too, so remove it then. None today:
// what modules read of each other goes through stores, writers and read models.
export const allowedImports = [];
