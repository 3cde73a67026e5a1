import { Organisation } from './organisation.entity';
import { OrgUnit } from './org-unit.entity';
import { Employee } from './employee.entity';
import { WorkflowDefinition, WorkflowVersion } from './workflow.entity';
import { Instance, Journal } from './instance.entity';
import { Task } from './task.entity';
import { Timer } from './timer.entity';
import { Outbox, Notification } from './outbox.entity';
import { domainEntities } from '../../domain/entities/index';
import { securityEntities } from '../../auth/entities';
import { inboxEntities } from '../../notify/entities';
import { MetricSourceRow } from '../../sources/metric-source.entity';

export * from './organisation.entity';
export * from './org-unit.entity';
export * from './employee.entity';
export * from './workflow.entity';
export * from './instance.entity';
export * from './task.entity';
export * from './timer.entity';
export * from './outbox.entity';

/** Every entity, for the ORM config. Add new entities here. */
export const entities = [
	Organisation,
	OrgUnit,
	Employee,
	WorkflowDefinition,
	WorkflowVersion,
	Instance,
	Journal,
	Task,
	Timer,
	Outbox,
	Notification,
	...domainEntities,
	...securityEntities,
	...inboxEntities,
	MetricSourceRow
];
