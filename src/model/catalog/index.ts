import type { ClassDef } from '../class-def.js';
import { diskActions } from './actions-disks.js';
import { driverActions } from './actions-drivers.js';
import { generalActions } from './actions-general.js';
import { imageActions } from './actions-images.js';
import { settingsActions } from './actions-settings.js';
import { softwareActions } from './actions-software.js';
import { userStateActions } from './actions-user-state.js';
import { baseClasses } from './base.js';
import { conditionClasses } from './conditions.js';
import { embeddedClasses } from './embedded.js';
import { mdtActions } from './mdt.js';
import { packageClasses } from './package.js';

/** Every class the catalog describes, in the console's menu order. */
export const ALL_CLASSES: readonly ClassDef[] = [
  ...baseClasses,
  ...generalActions,
  ...softwareActions,
  ...diskActions,
  ...userStateActions,
  ...imageActions,
  ...driverActions,
  ...settingsActions,
  ...mdtActions,
  ...conditionClasses,
  ...embeddedClasses,
  ...packageClasses,
];
