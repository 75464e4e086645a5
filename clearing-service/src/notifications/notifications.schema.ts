import { CreateResidentNotifications1763710300000 } from './migrations/1763710300000-create-resident-notifications';

// The notifications module's tables (plain SQL in its store, no entities).
export const notificationsEntities: (new () => object)[] = [];
export const notificationsMigrations = [CreateResidentNotifications1763710300000];
