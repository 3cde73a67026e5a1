export * from './actor';
export * from './form-issues';
export * from './people';
export * from './metrics';
export * from './scheme-form';
export * from './weightings';
