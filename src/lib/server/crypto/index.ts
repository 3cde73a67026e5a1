export * from './envelope';
export * from './keyring';
export * from './columns';
export * from './errors';
export { rotateEncryptedColumns, countStaleValues, type SqlExecute } from './rotate';
