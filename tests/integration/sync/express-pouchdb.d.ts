declare module 'express-pouchdb' {
  const expressPouchdb: (pouch: unknown, opts?: Record<string, unknown>) => import('node:http').RequestListener;
  export default expressPouchdb;
}
