export * from './secrets';
export * from './sessions';
export * from './rate-limit';
export * from './sign-in';
export * from './links';
export * from './demo-accounts';
export {
	UserAccount,
	RoleAssignment,
	Session,
	AuthToken,
	LoginAttempt,
	securityEntities
} from './entities';
