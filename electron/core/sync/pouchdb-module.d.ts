// PouchDB ships no types; the project types the API it uses in pouch-types.ts
// (the DefinitelyTyped package breaks the typecheck, see there).
declare module 'pouchdb' {
  const PouchDB: unknown;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
